import type {
  DownloadAdapter,
  DownloadRequest,
  DownloadStart,
} from '../../../lib/submit/download-adapter';

/** A downloads adapter that records what it was asked and answers as told per URL. */
export interface FakeDownload extends DownloadAdapter {
  requests: DownloadRequest[];
}

export function fakeDownload(answers: Record<string, DownloadStart | 'throw'> = {}): FakeDownload {
  const requests: DownloadRequest[] = [];
  return {
    requests,
    download(req) {
      requests.push(req);
      const answer = answers[req.url] ?? { ok: true, id: requests.length };
      if (answer === 'throw') return Promise.reject(new Error('downloads API exploded'));
      return Promise.resolve(answer);
    },
  };
}
