/**
 * In-memory limits keyed by caller (issue #13): token buckets for writes per user and for password
 * checks per user, and a concurrency limit for anonymous report downloads per address. One server
 * process holds them; a restart resets them, which is acceptable for limits whose window is a
 * minute.
 */

export interface BucketOptions {
  /** Requests allowed in a burst. */
  readonly capacity: number;
  /** Tokens added back per second (the sustained rate). */
  readonly perSecond: number;
}

export interface Taken {
  readonly ok: boolean;
  /** Seconds until one token is back (for Retry-After), when refused. */
  readonly retryAfterSeconds: number;
}

/** Keys kept before idle full buckets are dropped (bounded memory under many keys). */
const MAX_KEYS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly options: BucketOptions,
    private readonly now: () => number = Date.now,
  ) {}

  private refill(key: string): { tokens: number; at: number } {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.options.capacity, at: t };
    b.tokens = Math.min(
      this.options.capacity,
      b.tokens + ((t - b.at) / 1000) * this.options.perSecond,
    );
    b.at = t;
    return b;
  }

  /** Take one token for `key`. */
  take(key: string): Taken {
    const b = this.refill(key);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      this.prune();
      return { ok: true, retryAfterSeconds: 0 };
    }
    this.buckets.set(key, b);
    return { ok: false, retryAfterSeconds: Math.ceil((1 - b.tokens) / this.options.perSecond) };
  }

  private prune(): void {
    if (this.buckets.size <= MAX_KEYS) return;
    for (const [k] of this.buckets) {
      if (this.refill(k).tokens >= this.options.capacity) this.buckets.delete(k);
      if (this.buckets.size <= MAX_KEYS / 2) break;
    }
  }
}

/** At most `max` at once per key; acquire gives a release function, or undefined when full. */
export class ConcurrencyLimit {
  private readonly running = new Map<string, number>();

  constructor(readonly max: number) {}

  acquire(key: string): (() => void) | undefined {
    const n = this.running.get(key) ?? 0;
    if (n >= this.max) return undefined;
    this.running.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(key) ?? 1) - 1;
      if (left <= 0) this.running.delete(key);
      else this.running.set(key, left);
    };
  }
}
