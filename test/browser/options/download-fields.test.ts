import { DownloadOptionsSchema } from '../../../lib/settings/schema';
import { DOWNLOAD_FIELDS } from '../../../lib/ui/download-fields';
import { moveItem, normaliseOrigin, addUnique, removeAt } from '../../../lib/ui/list-edit';

/**
 * The options page describes the download options without zod (lib/ui/download-fields.ts);
 * this keeps that table equal to the schema it mirrors.
 */
describe('download fields table matches DownloadOptionsSchema', () => {
  const shape = DownloadOptionsSchema.shape;

  it('has one field per schema key, no more', () => {
    expect(DOWNLOAD_FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(shape).sort());
  });

  it.each(DOWNLOAD_FIELDS.map((f) => [f.key, f] as const))(
    '%s: same kind and values',
    (key, field) => {
      const defaultValue = DownloadOptionsSchema.parse({})[key];
      if (field.kind === 'bool') {
        expect(typeof defaultValue).toBe('boolean');
      } else if (field.kind === 'lang') {
        expect(DownloadOptionsSchema.safeParse({ [key]: 'pt-BR' }).success).toBe(true);
        expect(DownloadOptionsSchema.safeParse({ [key]: '' }).success).toBe(true);
      } else {
        for (const value of field.values) {
          expect(DownloadOptionsSchema.safeParse({ [key]: value }).success, `${key}=${value}`).toBe(
            true,
          );
        }
        const inner = (shape[key] as unknown as { def: { innerType: { options: string[] } } }).def
          .innerType;
        expect([...field.values].sort()).toEqual([...inner.options].sort());
      }
    },
  );
});

describe('list edits for the options form', () => {
  it('moves, removes and adds without duplicates', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(removeAt(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(addUnique(['a'], 'a')).toEqual(['a']);
    expect(addUnique([{ u: 'x' }], { u: 'y' }, (i) => i.u)).toEqual([{ u: 'x' }, { u: 'y' }]);
  });

  it.each([
    ['cobalt.example.com', 'https://cobalt.example.com'],
    ['https://Cobalt.Example.com/api/', 'https://cobalt.example.com'],
    ['http://10.0.0.2:9000', 'http://10.0.0.2:9000'],
    ['  ', null],
    ['ftp://x.example', null],
    ['javascript:alert(1)', null],
  ])('normaliseOrigin(%j) = %j', (input, expected) => {
    expect(normaliseOrigin(input)).toBe(expected);
  });
});
