import { useState } from 'preact/hooks';
import type { PickerItemView } from '../../lib/model/job-view';
import { safeHttpUrl } from '../../lib/ui/format';
import { t, tData } from '../../platform/i18n';
import { PICKER_TYPE_KEYS } from '../i18n-keys';

export interface PickerGridProps {
  items: PickerItemView[];
  hasAudio: boolean;
  onPick(indexes: number[], audio: boolean): void;
  /** Every item and the audio, through the batch queue ('download/pick-all'). */
  onPickAll(): void;
}

function Thumb({ item }: { item: PickerItemView }) {
  // Picker thumbnails expire: fall back to the item's type when the image fails.
  const [broken, setBroken] = useState(false);
  const src = safeHttpUrl(item.thumb);
  if (!src || broken) {
    return (
      <span class="thumb thumb-none" aria-hidden="true">
        {item.type === 'photo' ? '▣' : '▶'}
      </span>
    );
  }
  return (
    <img
      class="thumb"
      src={src}
      alt=""
      loading="lazy"
      decoding="async"
      referrerpolicy="no-referrer"
      onError={() => setBroken(true)}
    />
  );
}

/** A multi-item post: choose some or all items, and the post's audio. */
export function PickerGrid({ items, hasAudio, onPick, onPickAll }: PickerGridProps) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [audio, setAudio] = useState(false);
  const [sent, setSent] = useState(false);

  const toggle = (index: number) => {
    const next = new Set(selected);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setSelected(next);
  };
  const pick = (indexes: number[]) => {
    setSent(true);
    onPick(indexes, audio);
  };
  const chosen = items.map((i) => i.index).filter((i) => selected.has(i));

  return (
    <section class="picker" aria-labelledby="picker-title">
      <h2 id="picker-title">{t('pickerTitle', [items.length])}</h2>
      <div class="row">
        <button type="button" onClick={() => setSelected(new Set(items.map((i) => i.index)))}>
          {t('pickerSelectAll')}
        </button>
        <button type="button" onClick={() => setSelected(new Set())}>
          {t('pickerSelectNone')}
        </button>
      </div>
      <ul class="grid">
        {items.map((item, n) => (
          <li key={item.index}>
            <label class={`tile${selected.has(item.index) ? ' tile-on' : ''}`}>
              <input
                type="checkbox"
                class="tile-check"
                checked={selected.has(item.index)}
                onChange={() => toggle(item.index)}
              />
              <Thumb item={item} />
              <span class="tile-label">
                {t('pickerItem', [n + 1, tData(PICKER_TYPE_KEYS[item.type])])}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {hasAudio && (
        <label class="check">
          <input type="checkbox" checked={audio} onChange={() => setAudio(!audio)} />
          {t('pickerAudio')}
        </label>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={sent || (chosen.length === 0 && !audio)}
          onClick={() => pick(chosen)}
        >
          {t('pickerDownloadSelected', [chosen.length])}
        </button>
        <button
          type="button"
          disabled={sent}
          onClick={() => {
            setSent(true);
            onPickAll();
          }}
        >
          {t('pickerDownloadAll')}
        </button>
      </div>
    </section>
  );
}
