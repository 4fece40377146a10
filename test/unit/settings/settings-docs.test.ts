import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  CURRENT_SETTINGS_VERSION,
  SETTINGS_MIGRATIONS,
} from '../../../lib/settings/migrations/migrate-settings';
import { SettingsSchema } from '../../../lib/settings/schema';
import { SERVICE_KEYS } from '../../../lib/services/service-key';
import { STORAGE_ITEMS, SOURCE_STATES_KEY } from '../../../lib/app/stored-items';
import { schemaNodes } from './schema-nodes';

const DOCS = readFileSync(new URL('../../../docs/settings.md', import.meta.url), 'utf8');
const NODES = schemaNodes(SettingsSchema, { recordPlaceholder: '<service>', sampleKey: 'youtube' });

/** Table rows of the "Fields" section, by the path in their first cell. */
function fieldRows(): Map<string, string[]> {
  const section = DOCS.slice(DOCS.indexOf('## Fields'), DOCS.indexOf('## Version history'));
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const match = /^\|\s*`([^`]+)`\s*\|/.exec(line);
    if (!match) continue;
    rows.set(
      match[1]!,
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let node = schema;
  while (
    node instanceof z.ZodDefault ||
    node instanceof z.ZodPrefault ||
    node instanceof z.ZodOptional
  ) {
    node = node.unwrap();
  }
  return node;
}

/** What the default column must say for a node. */
function expectedDefault(schema: z.core.$ZodType, kind: string, docPath: string): string {
  const fallback = z.safeParse(schema, undefined);
  if (!fallback.success) return kind === 'leaf' ? 'required' : '—';
  if (fallback.data === undefined)
    return docPath.startsWith('serviceOverrides.') ? 'inherits' : 'absent';
  if (kind === 'object') return '—';
  return `\`${JSON.stringify(fallback.data)}\``;
}

const rows = fieldRows();

describe('docs/settings.md', () => {
  it.each(NODES.map((node) => [node.docPath, node] as const))(
    'documents %s with its default and allowed values',
    (docPath, node) => {
      const row = rows.get(docPath);
      expect(row, `no table row for \`${docPath}\``).toBeDefined();
      expect(row!.at(-1)).toBe(expectedDefault(node.schema, node.kind, docPath));
      const inner = unwrap(node.schema);
      if (inner instanceof z.ZodEnum && !row!.join(' ').includes('as `download.')) {
        for (const option of inner.options) expect(row!.join(' ')).toContain(`\`${option}\``);
      }
    },
  );

  it('documents no field the schema does not have', () => {
    const known = new Set(NODES.map((node) => node.docPath));
    expect([...rows.keys()].filter((path) => !known.has(path))).toEqual([]);
  });

  it('lists every service an override can name', () => {
    for (const service of SERVICE_KEYS) expect(DOCS).toContain(`\`${service}\``);
  });

  it('has a history row for every version and names every migration file', () => {
    for (let version = 1; version <= CURRENT_SETTINGS_VERSION; version++) {
      expect(DOCS).toMatch(new RegExp(`^\\| ${version}\\s+\\|`, 'm'));
    }
    for (const target of Object.keys(SETTINGS_MIGRATIONS)) {
      expect(DOCS).toContain(`v${Number(target) - 1}-to-v${target}.ts`);
    }
    expect(DOCS).toContain(`"version": ${CURRENT_SETTINGS_VERSION}`);
  });

  it('lists every stored item with its version', () => {
    for (const item of STORAGE_ITEMS) {
      expect(DOCS).toMatch(new RegExp(`^\\| \`${item.key}\`\\s+\\| ${item.version}\\s+\\|`, 'm'));
    }
    expect(DOCS).toContain(`\`${SOURCE_STATES_KEY}\``);
  });

  it('warns that an exported file contains API keys', () => {
    expect(DOCS).toMatch(/\*\*Warning: an exported file contains your API keys\.\*\*/);
  });
});
