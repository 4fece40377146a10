import { browser } from 'wxt/browser';
import { LOCAL_PORT_NAME, parseFromProcessor, type ToProcessor } from '../lib/messages/local-port';
import type { LocalProcessor, LocalProcessorOutcome } from '../lib/mux/local-processor';
import { createLocalJobHost } from './local-job-host';

/**
 * Where the engine's local processing runs (docs/local-processing.md).
 * - Chromium (MV3): the service worker has no DOM, no `URL.createObjectURL` and no OPFS writable
 *   streams, so an offscreen document (reason BLOBS: it makes the file the downloads API saves)
 *   runs each job, one port per job (lib/messages/local-port.ts). Progress messages over the port
 *   keep the worker alive while a job runs; if the worker dies, the port closes and the document
 *   cancels the job and removes its temporary file.
 * - Firefox (MV2): no offscreen API; the background page is a page, so it runs the jobs itself.
 *   Its background is persistent (the manifest's default in MV2), so it lives while a job runs.
 */
export function createLocalProcessor(): LocalProcessor {
  return import.meta.env.FIREFOX ? createLocalJobHost() : offscreenProcessor();
}

const OFFSCREEN_URL = 'offscreen.html';
/** The document may still be loading its script when the first port opens: a few tries. */
const CONNECT_TRIES = 5;
const CONNECT_RETRY_MS = 100;

let creating: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  if (await browser.offscreen.hasDocument()) return;
  creating ??= browser.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: [browser.offscreen.Reason.BLOBS],
      justification:
        'Combines the video and audio parts a cobalt instance hands over into one file',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

type Port = ReturnType<typeof browser.runtime.connect>;

/** A port whose other end answered `ready`, or null when nobody listened. */
function connect(): Promise<Port | null> {
  return new Promise((resolve) => {
    const port = browser.runtime.connect({ name: LOCAL_PORT_NAME });
    const onReady = (raw: unknown) => {
      if (parseFromProcessor(raw)?.type !== 'ready') return;
      port.onMessage.removeListener(onReady);
      port.onDisconnect.removeListener(onGone);
      resolve(port);
    };
    const onGone = () => resolve(null);
    port.onMessage.addListener(onReady);
    port.onDisconnect.addListener(onGone);
  });
}

function offscreenProcessor(): LocalProcessor {
  const ports = new Map<string, Port>();
  const send = (jobId: string, message: ToProcessor) => {
    try {
      ports.get(jobId)?.postMessage(message);
    } catch {
      // the document is gone, and with it the job and its temporary file
    }
  };
  return {
    async run(request, onProgress) {
      let port: Port | null = null;
      for (let attempt = 0; attempt < CONNECT_TRIES && !port; attempt += 1) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, CONNECT_RETRY_MS));
        await ensureOffscreen();
        port = await connect();
      }
      if (!port) {
        return { ok: false, code: 'storage', message: 'the offscreen document did not answer' };
      }
      const open = port;
      ports.set(request.jobId, open);
      return new Promise<LocalProcessorOutcome>((resolve) => {
        open.onMessage.addListener((raw: unknown) => {
          const message = parseFromProcessor(raw);
          if (message?.type === 'progress') onProgress(message.progress);
          if (message?.type === 'done') resolve(message.outcome);
        });
        open.onDisconnect.addListener(() => {
          ports.delete(request.jobId);
          resolve({ ok: false, code: 'storage', message: 'the offscreen document closed' });
        });
        open.postMessage({ type: 'start', request } satisfies ToProcessor);
      });
    },
    cancel(jobId) {
      send(jobId, { type: 'cancel' });
    },
    release(jobId) {
      send(jobId, { type: 'release' });
      ports.get(jobId)?.disconnect();
      ports.delete(jobId);
    },
  };
}
