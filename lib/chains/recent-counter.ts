/**
 * Counts events over a sliding window of whole seconds (the console's per-chain "logs signed per
 * second over the last minute"): one bucket per second in a ring, so adding and reading cost the
 * same however busy the chain is. Pure; the caller passes the time.
 */
export class RecentCounter {
  private readonly counts: Float64Array;
  private readonly seconds: Float64Array;

  constructor(readonly windowSecs: number) {
    if (!Number.isInteger(windowSecs) || windowSecs < 1) throw new RangeError('windowSecs must be a positive integer');
    this.counts = new Float64Array(windowSecs);
    this.seconds = new Float64Array(windowSecs).fill(-1);
  }

  add(n: number, nowMs: number): void {
    const sec = Math.floor(nowMs / 1000);
    const i = sec % this.windowSecs;
    if (this.seconds[i] !== sec) {
      this.seconds[i] = sec;
      this.counts[i] = 0;
    }
    this.counts[i] = (this.counts[i] as number) + n;
  }

  /** Events in the last `windowSecs` seconds (the current second included). */
  total(nowMs: number): number {
    const sec = Math.floor(nowMs / 1000);
    let sum = 0;
    for (let i = 0; i < this.windowSecs; i++) {
      const s = this.seconds[i] as number;
      if (s > sec - this.windowSecs && s <= sec) sum += this.counts[i] as number;
    }
    return sum;
  }
}
