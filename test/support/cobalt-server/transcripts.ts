import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Loading and replaying the real cobalt 11.7.1 captures (test/fixtures/real-cobalt/,
 * format in its README) against a test server.
 */

const TRANSCRIPT_DIR = fileURLToPath(new URL('../../fixtures/real-cobalt/', import.meta.url));

const TranscriptSchema = z.object({
  case: z.string(),
  port: z.number(),
  request: z.object({
    method: z.string(),
    path: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string().nullable(),
  }),
  response: z.object({
    status: z.number(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
  }),
});
export type Transcript = z.infer<typeof TranscriptSchema>;

export function loadTranscripts(): Transcript[] {
  return readdirSync(TRANSCRIPT_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => TranscriptSchema.parse(JSON.parse(readFileSync(TRANSCRIPT_DIR + name, 'utf8'))));
}

export interface ReplayedResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  text: string;
}

/** Hop-by-hop headers the transport sets itself. */
const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'connection']);

/**
 * Sends the transcript's request byte for byte (same headers, same body) with node:http, which,
 * unlike fetch, adds no Accept, User-Agent or Sec-Fetch headers of its own.
 */
export function replay(origin: string, transcript: Transcript): Promise<ReplayedResponse> {
  const { method, path, headers, body } = transcript.request;
  const outgoing: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!TRANSPORT_HEADERS.has(name.toLowerCase())) outgoing[name] = value;
  }
  const payload = body === null ? undefined : Buffer.from(body);
  if (payload) outgoing['Content-Length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { method, headers: outgoing }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: flat,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
