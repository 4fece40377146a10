import { useEffect, useState } from 'preact/hooks';
import type { PastePreview } from '../../lib/model/batch-view';
import type { DownloadMode } from '../../lib/settings/schema';
import { pastedLink } from '../../lib/ui/format';
import { t, tData } from '../../platform/i18n';
import { MODE_KEYS } from '../mode-keys';
import { lazyPanel } from './lazy-panel';

// Only when many links are pasted (lazy-panel.tsx).
const LinkPreview = lazyPanel(() => import('./link-preview').then((m) => m.LinkPreview));

export interface DownloadControlsProps {
  defaultMode: DownloadMode;
  /** Show a link field: the download is for the pasted link, not the page. */
  pasteLink: boolean;
  /** A job for this tab is running or 'download/start' is on its way. */
  busy: boolean;
  onStart(mode: DownloadMode, url: string | null): void;
  /** The page's link was downloaded before and the setting says ask: the first click asks. */
  askAgain?: boolean;
  /**
   * Two or more links pasted: they go to the batch queue. Resolves true when the background took
   * them; the field is then emptied (the queue below shows them), and kept as typed otherwise.
   */
  onStartBatch(mode: DownloadMode, text: string): Promise<boolean>;
  /** Which links a pasted text holds ('batch/preview'); absent: single links only. */
  preview?: (text: string) => Promise<PastePreview>;
}

/** Two web addresses at least: worth asking the background which of them it would queue. */
const MANY_LINKS = /https?:\/\/[\s\S]*https?:\/\//i;

const MODES: DownloadMode[] = ['auto', 'audio', 'mute'];

/** Mode choice (auto / audio only / no audio) and the Download button, optionally with a link field. */
export function DownloadControls({
  defaultMode,
  pasteLink,
  busy,
  onStart,
  onStartBatch,
  askAgain = false,
  preview,
}: DownloadControlsProps) {
  const [confirming, setConfirming] = useState(false);
  const [mode, setMode] = useState<DownloadMode>(defaultMode);
  const [link, setLink] = useState('');
  const [linkInvalid, setLinkInvalid] = useState(false);
  // Many links (one per line or any text holding them): shown before they are queued.
  const [many, setMany] = useState<{ text: string; preview: PastePreview } | null>(null);
  useEffect(() => {
    if (!pasteLink || !preview || !MANY_LINKS.test(link)) return;
    let current = true;
    preview(link).then(
      (answer) => current && setMany({ text: link, preview: answer }),
      () => undefined, // no answer: the field stays a single-link field
    );
    return () => {
      current = false;
    };
  }, [pasteLink, preview, link]);
  const shown = many !== null && many.text === link ? many.preview : null;
  const batch = shown !== null && shown.links.length > 1 ? shown : null;

  const submit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!pasteLink) {
      if (askAgain && !confirming) return setConfirming(true);
      setConfirming(false);
      return onStart(mode, null);
    }
    if (batch) {
      const text = link;
      void onStartBatch(mode, text).then((taken) => {
        // Only if the field still holds what was sent: a later edit is the user's.
        if (taken) setLink((current) => (current === text ? '' : current));
      });
      return;
    }
    const url = pastedLink(link);
    setLinkInvalid(url === null);
    if (url) onStart(mode, url);
  };

  return (
    <form class="controls" onSubmit={submit} noValidate>
      {pasteLink && (
        <div class="field">
          <label for="paste-link">{t('pasteLinkLabel')}</label>
          <textarea
            id="paste-link"
            rows={batch ? 4 : 1}
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
          {batch && <LinkPreview batch={batch} />}
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
      {confirming && (
        <p class="field-error" role="alert">
          {t('downloadAgainAsk')}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
        {busy
          ? t('downloadBusy')
          : confirming
            ? t('batchDownloadAgain')
            : batch
              ? t('downloadLinksButton', [String(batch.links.length)])
              : t('downloadButton')}
      </button>
      {confirming && (
        <button type="button" onClick={() => setConfirming(false)}>
          {t('batchCancel')}
        </button>
      )}
    </form>
  );
}
