import { browser } from 'wxt/browser';
import { LOCAL_PORT_NAME, parseToProcessor, type FromProcessor } from '../lib/messages/local-port';
import { createLocalJobHost } from './local-job-host';

/**
 * The offscreen document's side of the job ports (platform/local-processor.ts): each port
 * carries one job. A port that closes before `release` (the worker stopped) cancels its job and
 * removes its temporary file, so nothing is left behind.
 */
export function serveLocalJobs(): void {
  const host = createLocalJobHost();
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LOCAL_PORT_NAME) return;
    // only our own service worker connects: its sender has no tab and our extension's id
    if (port.sender?.id !== browser.runtime.id || port.sender.tab) {
      port.disconnect();
      return;
    }
    let jobId: string | null = null;
    const post = (message: FromProcessor) => {
      try {
        port.postMessage(message);
      } catch {
        // the worker went away; onDisconnect cleans up
      }
    };
    port.onMessage.addListener((raw: unknown) => {
      const message = parseToProcessor(raw);
      if (!message) return;
      if (message.type === 'start' && jobId === null) {
        jobId = message.request.jobId;
        void host
          .run(message.request, (progress) => post({ type: 'progress', progress }))
          .then((outcome) => post({ type: 'done', outcome }));
      } else if (message.type === 'cancel' && jobId !== null) {
        host.cancel(jobId);
      } else if (message.type === 'release' && jobId !== null) {
        host.release(jobId);
      }
    });
    port.onDisconnect.addListener(() => {
      if (jobId !== null) host.release(jobId);
    });
    post({ type: 'ready' });
  });
}
