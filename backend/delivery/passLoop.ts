/**
 * The background worker of an outbox: one pass at a time, a pass asked for while one runs
 * follows it at once, and between passes it sleeps until the next entry is due (capped, so a
 * wake-up missed from elsewhere is not waited for forever). A failing pass is retried after
 * `errorDelayMs`, never in a tight loop.
 */
export class PassLoop {
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<void> | undefined;
  #requested = false;

  /** `pass` runs once and resolves with the milliseconds until it should run again (undefined: when woken). */
  constructor(
    private readonly pass: () => Promise<number | undefined>,
    private readonly options: { errorDelayMs: number; onError: (err: unknown) => void; maxSleepMs?: number },
  ) {}

  /** True while a pass runs after `stop()` was called: the pass should return early. */
  get stopping(): boolean {
    return this.#pass !== undefined && !this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.wake();
  }

  /** Stops scheduling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#pass;
  }

  /** Asks for a pass now, or right after the one in progress. */
  wake(): void {
    if (!this.#running) return;
    if (this.#pass) {
      this.#requested = true;
      return;
    }
    this.#schedule(0);
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), delayMs);
    this.#timer.unref();
  }

  #run(): void {
    this.#timer = undefined;
    this.#requested = false;
    this.#pass = this.pass()
      .catch((err: unknown) => {
        this.options.onError(err);
        return this.options.errorDelayMs;
      })
      .then((delayMs) => {
        this.#pass = undefined;
        if (!this.#running) return;
        const sleep = this.#requested ? 0 : Math.min(delayMs ?? Infinity, this.options.maxSleepMs ?? Infinity);
        if (Number.isFinite(sleep)) this.#schedule(sleep);
      });
  }
}
