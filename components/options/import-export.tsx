import { useId, useState } from 'preact/hooks';
import type { ValidationProblem } from '../../lib/storage/validation-problem';
import { t } from '../../platform/i18n';
import { Section } from './fields';

export type TransferStatus =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'imported' }
  | { kind: 'exported' }
  | { kind: 'reset' }
  | { kind: 'problems'; problems: ValidationProblem[] };

export interface ImportExportProps {
  status: TransferStatus;
  onExport(): void;
  onImport(json: string): void;
  onReset(): void;
}

/** Largest settings file we read (the background accepts 512 KiB). */
const MAX_FILE_BYTES = 512 * 1024;

export function ProblemList({ problems }: { problems: readonly ValidationProblem[] }) {
  return (
    <ul class="problems">
      {problems.map((p, i) => (
        <li key={`${p.path}-${i}`}>
          {p.path ? <code>{p.path}</code> : null}
          {p.path ? ': ' : ''}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

/** Export the settings as the documented JSON file, import one (with clear errors), or reset. */
export function ImportExport({ status, onExport, onImport, onReset }: ImportExportProps) {
  const fileId = useId();
  const [confirming, setConfirming] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);

  const readFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(t('importTooLarge'));
      return;
    }
    setFileError(null);
    onImport(await file.text());
  };

  return (
    <Section id="transfer" title={t('secTransfer')} intro={t('secTransferIntro')}>
      <div class="row">
        <button type="button" onClick={onExport}>
          {t('exportButton')}
        </button>
        <label for={fileId} class="file-label">
          {t('importLabel')}
        </label>
        <input
          id={fileId}
          type="file"
          accept="application/json,.json"
          onChange={(e) => void readFile(e.currentTarget)}
        />
      </div>
      <div class="row">
        {confirming ? (
          <>
            <span class="bad-text">{t('resetConfirmText')}</span>
            <button
              type="button"
              class="danger"
              onClick={() => {
                setConfirming(false);
                onReset();
              }}
            >
              {t('resetConfirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('actCancel')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('resetButton')}
          </button>
        )}
      </div>
      <div aria-live="polite">
        {fileError && (
          <p class="field-error" role="alert">
            {fileError}
          </p>
        )}
        {status.kind === 'working' && <p class="muted">{t('working')}</p>}
        {status.kind === 'imported' && <p class="ok-text">{t('importDone')}</p>}
        {status.kind === 'exported' && <p class="ok-text">{t('exportDone')}</p>}
        {status.kind === 'reset' && <p class="ok-text">{t('resetDone')}</p>}
        {status.kind === 'problems' && (
          <div role="alert" class="error">
            <h3>{t('importProblems')}</h3>
            <ProblemList problems={status.problems} />
            <p class="hint">{t('importProblemsHint')}</p>
          </div>
        )}
      </div>
    </Section>
  );
}
