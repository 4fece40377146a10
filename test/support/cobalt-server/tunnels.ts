import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Tunnels as cobalt makes them (docs/cobalt-api.md §3.7): `/tunnel?id&exp&sig&sec&iv`, with the real
 * parameter lengths (21, 13, 43, 43, 22), an HMAC signature, and a lifespan checked when a
 * request starts. v7 streams (`/api/stream?t&e&h&s&i`) share the store.
 */

const TUNNEL_PARAM_LENGTHS = { id: 21, exp: 13, sig: 43, sec: 43, iv: 22 } as const;

export interface TunnelEntry {
  filename: string;
  mime: string;
  length: number;
  /** Seed of the deterministic body, so tests can recompute the exact bytes. */
  seed: number;
  /** A real media file served instead of the deterministic body. */
  file?: string;
  expiresAt: number;
}

/** Deterministic bytes: what a tunnel with this length and seed serves. */
export function tunnelBody(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return bytes;
}

export type TunnelLookup =
  | { status: 200; entry: TunnelEntry; probe: false }
  | { status: 200; probe: true }
  | { status: 400 | 401 | 404 };

export class TunnelStore {
  private readonly secret = randomBytes(32);
  private readonly entries = new Map<string, TunnelEntry>();
  private seedCounter = 0;

  constructor(private readonly now: () => number) {}

  create(input: Omit<TunnelEntry, 'seed' | 'expiresAt'>, lifespanMs: number): URLSearchParams {
    const id = randomBytes(16).toString('base64url').slice(0, TUNNEL_PARAM_LENGTHS.id);
    const expiresAt = this.now() + lifespanMs;
    const exp = String(expiresAt).padStart(TUNNEL_PARAM_LENGTHS.exp, '0');
    this.seedCounter += 1;
    this.entries.set(id, { ...input, seed: this.seedCounter, expiresAt });
    return new URLSearchParams({
      id,
      exp,
      sig: this.sign(id, exp),
      sec: randomBytes(32).toString('base64url'),
      iv: randomBytes(16).toString('base64url'),
    });
  }

  /** `verifyStream` order: lengths → (probe) → signature 401 → unknown/expired 404. */
  lookup(query: URLSearchParams): TunnelLookup {
    const values = {
      id: query.get('id') ?? '',
      exp: query.get('exp') ?? '',
      sig: query.get('sig') ?? '',
      sec: query.get('sec') ?? '',
      iv: query.get('iv') ?? '',
    };
    for (const [name, length] of Object.entries(TUNNEL_PARAM_LENGTHS)) {
      if (values[name as keyof typeof values].length !== length) return { status: 400 };
    }
    // `&p=1` only checks the lengths: it proves nothing about the stream (docs/cobalt-api.md §3.7).
    if (query.get('p') === '1') return { status: 200, probe: true };
    if (this.sign(values.id, values.exp) !== values.sig) return { status: 401 };
    const entry = this.entries.get(values.id);
    if (!entry || entry.expiresAt <= this.now() || Number(values.exp) <= this.now()) {
      return { status: 404 };
    }
    return { status: 200, entry, probe: false };
  }

  /** The bytes a tunnel (or v7 stream) URL serves, for tests to compare with; null if unknown. */
  expectedBody(url: string): Buffer | null {
    const query = new URL(url).searchParams;
    const entry = this.entries.get(query.get('id') ?? query.get('t') ?? '');
    if (!entry) return null;
    return entry.file ? readFileSync(entry.file) : tunnelBody(entry.length, entry.seed);
  }

  private sign(id: string, exp: string): string {
    return createHmac('sha256', this.secret).update(`${id},${exp}`).digest('base64url');
  }
}
