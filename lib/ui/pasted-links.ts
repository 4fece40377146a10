import { extractLinks } from '../batch/extract-links';
import type { PastePreview } from '../model/batch-view';

/**
 * What the popup's paste field will queue, shown before the user starts it ('batch/preview'):
 * the same extraction 'batch/start' applies to the text (lib/batch/extract-links.ts), so the
 * list shown is the list downloaded. It runs in the background, keeping the service table out
 * of the popup's bundle.
 */
export function pastedLinks(text: string): PastePreview {
  const { links, ignored, overflow } = extractLinks(text);
  return {
    links: links.map(({ url, service }) => ({ url, service })),
    ignored: ignored + overflow,
  };
}
