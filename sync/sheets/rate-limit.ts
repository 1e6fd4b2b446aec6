/**
 * Keeps a run under Google's per-minute quota (60 reads per user per minute;
 * a service account is one user): at most `perMinute` requests in any sliding
 * 60-second window. A request counts from when it starts until 60 s after it
 * ends, since Google counts it somewhere in between.
 */
export interface RateOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const WINDOW_MS = 60_000;

export class RequestRate {
  /** End times of finished requests still in the window; `null` for requests in flight. */
  private readonly slots: (number | null)[] = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private queue: Promise<void> = Promise.resolve();
  private released: (() => void)[] = [];

  constructor(
    readonly perMinute: number,
    options: RateOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Runs `call` when the window has room; callers are served in order. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn;
    await turn;
    try {
      return await call();
    } finally {
      // In-flight slots are interchangeable: any one of them becomes this request's end time.
      this.slots[this.slots.indexOf(null)] = this.now();
      for (const wake of this.released.splice(0)) wake();
    }
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const now = this.now();
      for (let i = this.slots.length - 1; i >= 0; i--) {
        const end = this.slots[i];
        if (end !== null && end !== undefined && end <= now - WINDOW_MS) this.slots.splice(i, 1);
      }
      if (this.slots.length < this.perMinute) {
        this.slots.push(null);
        return;
      }
      const ends = this.slots.filter((s): s is number => s !== null);
      if (ends.length > 0) await this.sleep(Math.min(...ends) + WINDOW_MS - now);
      else await new Promise<void>((resolve) => this.released.push(resolve));
    }
  }
}
