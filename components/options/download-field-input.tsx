import type { DownloadOptions } from '../../lib/settings/schema';
import { LANG_PATTERN, type DownloadField } from '../../lib/ui/download-fields';
import { t, tData } from '../../platform/i18n';
import { CheckboxField, SelectField, TextField, type Choice } from './fields';

type Value = DownloadOptions[keyof DownloadOptions];

function valueLabel(field: DownloadField, value: Value): string {
  if (field.kind === 'bool') return value ? t('valueOn') : t('valueOff');
  if (field.kind === 'lang') return value === '' ? t('valueNone') : String(value);
  const key = (field.valueKeys as Record<string, string> | undefined)?.[String(value)];
  return key ? tData(key) : `${String(value)}${field.unit ?? ''}`;
}

export interface DownloadFieldInputProps {
  field: DownloadField;
  /** undefined = not overridden (overrides only). */
  value: Value | undefined;
  /** Overrides: offer "use default (X)", which clears the key. */
  inherited?: Value;
  path: string;
  onChange(value: Value | undefined): void;
}

/** One cobalt download option as the right control (select, checkbox, language code). */
export function DownloadFieldInput({
  field,
  value,
  inherited,
  path,
  onChange,
}: DownloadFieldInputProps) {
  const label = tData(field.labelKey);
  const hint = 'hintKey' in field && field.hintKey ? tData(field.hintKey) : undefined;
  const override = inherited !== undefined;
  const inheritChoice: Choice[] = override
    ? [{ value: '', label: t('useDefault', [valueLabel(field, inherited)]) }]
    : [];

  if (field.kind === 'lang') {
    return (
      <TextField
        label={label}
        hint={override ? t('hintOverrideLang') : hint}
        path={path}
        value={value === undefined ? '' : String(value)}
        pattern={LANG_PATTERN}
        placeholder={override ? String(inherited) : ''}
        onChange={(v) => onChange(override && v.trim() === '' ? undefined : v.trim())}
      />
    );
  }
  if (field.kind === 'bool' && !override) {
    return (
      <CheckboxField
        label={label}
        hint={hint}
        path={path}
        checked={value === true}
        onChange={(on) => onChange(on)}
      />
    );
  }
  const choices: Choice[] =
    field.kind === 'bool'
      ? [
          { value: 'true', label: t('valueOn') },
          { value: 'false', label: t('valueOff') },
        ]
      : field.values.map((v) => ({ value: String(v), label: valueLabel(field, v) }));
  return (
    <SelectField
      label={label}
      hint={hint}
      path={path}
      value={value === undefined ? '' : String(value)}
      choices={[...inheritChoice, ...choices]}
      onChange={(v) => {
        if (v === '') onChange(undefined);
        else if (field.kind === 'bool') onChange(v === 'true');
        else onChange(v as Value);
      }}
    />
  );
}
