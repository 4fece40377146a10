import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A panel whose code loads the first time it is shown, as its own chunk. Most opens of the popup
 * show the page, the instances and the Download button; the picker, the progress of a job, the
 * batch queue and error panels come later or rarely, so the first frame does not carry them
 * (`popup.weight_gzip_bytes`, docs/performance.md). The chunk is a file of the extension itself:
 * loading it takes a few milliseconds and no network.
 */
export function lazyPanel<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<void> | null = null;
  return function LazyPanel(props: P) {
    const [, setReady] = useState(loaded !== null);
    useEffect(() => {
      if (loaded) return;
      let shown = true;
      loading ??= load().then((component) => {
        loaded = component;
      });
      void loading.then(() => shown && setReady(true));
      return () => {
        shown = false;
      };
    }, []);
    const Panel = loaded;
    return Panel ? <Panel {...props} /> : null;
  };
}
