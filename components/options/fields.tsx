import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useProblem } from './problems-context';

interface Described {
  hint?: string | undefined;
  /** Settings path (`sources.refreshMinutes`) for validation problems. */
  path?: string;
}

function Hint({
  id,
  hint,
  problem,
}: {
  id: string;
  hint?: string | undefined;
  problem: string | null;
}) {
  return (
    <>
      {hint && (
        <span id={`${id}-hint`} class="hint-text">
          {hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-err`} class="field-error">
          {problem}
        </span>
      )}
    </>
  );
}

function describedBy(id: string, hint: string | undefined, problem: string | null) {
  const ids = [hint ? `${id}-hint` : '', problem ? `${id}-err` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function CheckboxField({
  label,
  checked,
  onChange,
  hint,
  path,
}: Described & { label: string; checked: boolean; onChange(value: boolean): void }) {
  const id = useId();
  const problem = useProblem(path);
  return (
    <div class="field-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={describedBy(id, hint, problem)}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
      <Hint id={id} hint={hint} problem={problem} />
    </div>
  );
}

export function NumberField({
  label,
  value,
  min,
  max,
  step = 1,
  onChange,
  hint,
  path,
}: Described & {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onChange(value: number): void;
}) {
  const id = useId();
  const problem = useProblem(path);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={step}
        value={Number.isFinite(value) ? value : ''}
        aria-invalid={problem !== null}
        aria-describedby={describedBy(id, hint, problem)}
        onInput={(e) => onChange(e.currentTarget.valueAsNumber)}
      />
      <Hint id={id} hint={hint} problem={problem} />
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField({
  label,
  value,
  choices,
  onChange,
  hint,
  path,
}: Described & {
  label: string;
  value: string;
  choices: readonly Choice[];
  onChange(value: string): void;
}) {
  const id = useId();
  const problem = useProblem(path);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={describedBy(id, hint, problem)}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <Hint id={id} hint={hint} problem={problem} />
    </div>
  );
}

export function TextField({
  label,
  value,
  onChange,
  hint,
  path,
  pattern,
  placeholder,
}: Described & {
  label: string;
  value: string;
  onChange(value: string): void;
  pattern?: string;
  placeholder?: string;
}) {
  const id = useId();
  const problem = useProblem(path);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        pattern={pattern}
        placeholder={placeholder}
        autoComplete="off"
        spellcheck={false}
        aria-invalid={problem !== null}
        aria-describedby={describedBy(id, hint, problem)}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
      <Hint id={id} hint={hint} problem={problem} />
    </div>
  );
}

/** A titled group of settings. */
export function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  children: ComponentChildren;
}) {
  return (
    <section class="card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro && <p class="muted">{intro}</p>}
      {children}
    </section>
  );
}
