/** Display names of instance sources (FeedStatusView.source, DiagnosticsRow.sources). */
const BUILT_IN: Record<string, string> = {
  hyper: 'instances.hyper.lol',
  directory: 'cobalt.directory',
  'cobalt-best': 'instances.cobalt.best',
};

/**
 * A tracker's host name, or the list URL of a custom source; null for sources that need a
 * translated name (`bundled`, `user`).
 */
export function sourceLabel(source: string): string | null {
  if (source in BUILT_IN) return BUILT_IN[source] ?? source;
  if (source.startsWith('custom:')) return source.slice('custom:'.length);
  if (source === 'bundled' || source === 'user') return null;
  return source;
}
