import { useId, useState } from 'preact/hooks';
import { t } from '../../platform/i18n';

export interface AddItemFormProps {
  label: string;
  placeholder?: string;
  /** The value to add, normalised, or null when it is not acceptable. */
  parse(value: string): string | null;
  invalidMessage: string;
  onAdd(value: string): void;
}

/** One labelled text field and an Add button, with an inline error for bad input. */
export function AddItemForm({
  label,
  placeholder,
  parse,
  invalidMessage,
  onAdd,
}: AddItemFormProps) {
  const id = useId();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const parsed = parse(value);
    setInvalid(parsed === null);
    if (parsed === null) return;
    onAdd(parsed);
    setValue('');
  };
  return (
    <form class="add-form" onSubmit={submit}>
      <label for={id}>{label}</label>
      <div class="row">
        <input
          id={id}
          type="text"
          value={value}
          placeholder={placeholder}
          autoComplete="off"
          spellcheck={false}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-err` : undefined}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            setInvalid(false);
          }}
        />
        <button type="submit">{t('actAdd')}</button>
      </div>
      {invalid && (
        <p id={`${id}-err`} class="field-error" role="alert">
          {invalidMessage}
        </p>
      )}
    </form>
  );
}
