import type { PastePreview } from '../../lib/model/batch-view';
import { serviceLabel } from '../../lib/ui/service-label';
import { t } from '../../platform/i18n';
import './batch-panel.css';

/** The links a pasted text holds, as the batch queue will download them. */
export function LinkPreview({ batch }: { batch: PastePreview }) {
  return (
    <div class="link-preview-box">
      <p id="paste-links-count">{t('pasteLinksWill', [String(batch.links.length)])}</p>
      <ul class="link-preview" aria-labelledby="paste-links-count">
        {batch.links.map((l) => (
          <li key={l.url}>
            <span class="muted small">{serviceLabel(l.service)}</span> {l.url}
          </li>
        ))}
      </ul>
      {batch.ignored > 0 && (
        <p class="muted small">{t('pasteLinksIgnored', [String(batch.ignored)])}</p>
      )}
    </div>
  );
}
