import { extractLinks } from '../batch/extract-links';
import type { ServiceKey } from '../services/service-key';

/**
 * What the popup's paste field will queue, shown before the user starts it: the same
 * extraction the background applies to the text it receives (lib/batch/extract-links.ts), so
 * the list shown is the list downloaded.
 */
export function pastedLinks(text: string): {
  links: { url: string; service: ServiceKey }[];
  ignored: number;
} {
  const { links, ignored, overflow } = extractLinks(text);
  return {
    links: links.map(({ url, service }) => ({ url, service })),
    ignored: ignored + overflow,
  };
}
