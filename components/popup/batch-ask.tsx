import { t } from '../../platform/i18n';

export interface BatchAskProps {
  /** Links the history says were downloaded before. */
  asked: string[];
  onAnswer(again: boolean): void;
  onDismiss(): void;
}

/** The setting says ask: these links were downloaded before; again, or skip them? */
export function BatchAsk({ asked, onAnswer, onDismiss }: BatchAskProps) {
  return (
    <section class="batch-ask" role="alertdialog" aria-labelledby="batch-ask-title">
      <h2 id="batch-ask-title">{t('batchAskTitle', [String(asked.length)])}</h2>
      <ul class="link-preview">
        {asked.map((url) => (
          <li key={url}>
            <span class="mark-before">{t('downloadedBefore')}</span> <span>{url}</span>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" class="primary" onClick={() => onAnswer(true)}>
          {t('batchAskAgain')}
        </button>
        <button type="button" onClick={() => onAnswer(false)}>
          {t('batchAskSkip')}
        </button>
        <button type="button" class="link" onClick={onDismiss}>
          {t('actDismiss')}
        </button>
      </div>
    </section>
  );
}
