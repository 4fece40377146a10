import { useState } from 'preact/hooks';
import type { DownloadMode } from '../../lib/settings/schema';
import { pastedLink } from '../../lib/ui/format';
import { t, tData } from '../../platform/i18n';
import { MODE_KEYS } from '../i18n-keys';

export interface DownloadControlsProps {
  defaultMode: DownloadMode;
  /** Show a link field: the download is for the pasted link, not the page. */
  pasteLink: boolean;
  /** A job for this tab is running or 'download/start' is on its way. */
  busy: boolean;
  onStart(mode: DownloadMode, url: string | null): void;
}

const MODES: DownloadMode[] = ['auto', 'audio', 'mute'];

/** Mode choice (auto / audio only / no audio) and the Download button, optionally with a link field. */
export function DownloadControls({ defaultMode, pasteLink, busy, onStart }: DownloadControlsProps) {
  const [mode, setMode] = useState<DownloadMode>(defaultMode);
  const [link, setLink] = useState('');
  const [linkInvalid, setLinkInvalid] = useState(false);

  const submit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!pasteLink) return onStart(mode, null);
    const url = pastedLink(link);
    setLinkInvalid(url === null);
    if (url) onStart(mode, url);
  };

  return (
    <form class="controls" onSubmit={submit} noValidate>
      {pasteLink && (
        <div class="field">
          <label for="paste-link">{t('pasteLinkLabel')}</label>
          <input
            id="paste-link"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="https://"
            value={link}
            aria-invalid={linkInvalid}
            aria-describedby={linkInvalid ? 'paste-link-error' : undefined}
            onInput={(e) => {
              setLink(e.currentTarget.value);
              setLinkInvalid(false);
            }}
          />
          {linkInvalid && (
            <p id="paste-link-error" class="field-error" role="alert">
              {t('pasteLinkInvalid')}
            </p>
          )}
        </div>
      )}
      <fieldset class="modes">
        <legend class="sr-only">{t('modeLegend')}</legend>
        {MODES.map((m) => (
          <label key={m} class="mode">
            <input
              type="radio"
              name="mode"
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
            />
            <span>{tData(MODE_KEYS[m])}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
        {busy ? t('downloadBusy') : t('downloadButton')}
      </button>
    </form>
  );
}
