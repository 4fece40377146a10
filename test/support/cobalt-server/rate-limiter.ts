/**
 * express-rate-limit's memory store with `standardHeaders: 'draft-6'` (docs/cobalt-api.md §3.3): a fixed
 * window per key that starts at the key's first hit; every hit counts, blocked ones included.
 */
export interface LimitVerdict {
  blocked: boolean;
  headers: Record<string, string>;
}

export class FixedWindowLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly settings: () => { max: number; windowSeconds: number },
    private readonly now: () => number,
  ) {}

  hit(key: string): LimitVerdict {
    const { max, windowSeconds } = this.settings();
    const now = this.now();
    let entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.hits.set(key, entry);
    }
    entry.count += 1;
    const resetSeconds = Math.max(0, Math.ceil((entry.resetAt - now) / 1000));
    const headers: Record<string, string> = {
      'RateLimit-Policy': `${max};w=${windowSeconds}`,
      'RateLimit-Limit': String(max),
      'RateLimit-Remaining': String(Math.max(0, max - entry.count)),
      'RateLimit-Reset': String(resetSeconds),
    };
    const blocked = entry.count > max;
    if (blocked) headers['Retry-After'] = String(resetSeconds);
    return { blocked, headers };
  }

  reset(): void {
    this.hits.clear();
  }
}
