/**
 * A minimal Prometheus registry (text exposition format 0.0.4): counters, gauges and histograms
 * with labels. Small on purpose: the metric set is fixed and the names must be El Proxy's exactly.
 */
type Labels = Record<string, string>;

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels): string => {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escapeLabel(labels[k] as string)}"`).join(',')}}`;
};
const num = (n: number): string => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

/** A sum of many observations, without the last digits' floating-point noise (0.018243804000000637). */
const roundSum = (n: number): number => Number(n.toPrecision(12));

interface Metric {
  readonly name: string;
  render(common: Labels): string;
}

export class Counter implements Metric {
  private values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = labelText(labels);
    const cur = this.values.get(k);
    if (cur) cur.value += by;
    else this.values.set(k, { labels, value: by });
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelText(labels))?.value ?? 0;
  }
  /** Sum over every label set `filter` accepts (all by default): e.g. failures of any type. */
  sum(filter: (labels: Readonly<Labels>) => boolean = () => true): number {
    let total = 0;
    for (const { labels, value } of this.values.values()) if (filter(labels)) total += value;
    return total;
  }
  render(common: Labels): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} counter\n`;
    for (const { labels, value } of this.values.values()) out += `${this.name}${labelText({ ...labels, ...common })} ${num(value)}\n`;
    return out;
  }
}

export class Gauge implements Metric {
  constructor(
    readonly name: string,
    private readonly help: string,
    /** Sampled at scrape time, so gauges are never stale. */
    private readonly collect: () => { labels?: Labels; value: number }[],
  ) {}
  render(common: Labels): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} gauge\n`;
    for (const { labels = {}, value } of this.collect()) out += `${this.name}${labelText({ ...labels, ...common })} ${num(value)}\n`;
    return out;
  }
}

export class Histogram implements Metric {
  private series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly buckets: readonly number[],
  ) {}
  observe(value: number, labels: Labels = {}): void {
    const k = labelText(labels);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (value <= (this.buckets[i] as number)) s.counts[i] = (s.counts[i] as number) + 1;
    s.sum += value;
    s.count++;
  }
  render(common: Labels): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} histogram\n`;
    for (const s of this.series.values()) {
      const l = { ...s.labels, ...common };
      this.buckets.forEach((b, i) => (out += `${this.name}_bucket${labelText({ ...l, le: num(b) })} ${s.counts[i]}\n`));
      out += `${this.name}_bucket${labelText({ ...l, le: '+Inf' })} ${s.count}\n${this.name}_sum${labelText(l)} ${num(roundSum(s.sum))}\n${this.name}_count${labelText(l)} ${s.count}\n`;
    }
    return out;
  }
}

export class Registry {
  private metrics: Metric[] = [];
  constructor(private readonly common: Labels = {}) {}
  register<M extends Metric>(m: M): M {
    this.metrics.push(m);
    return m;
  }
  /** Metrics added without El Proxy's common labels (process metrics follow Prometheus conventions). */
  private plain: Metric[] = [];
  registerPlain<M extends Metric>(m: M): M {
    this.plain.push(m);
    return m;
  }
  render(): string {
    return this.metrics.map((m) => m.render(this.common)).join('') + this.plain.map((m) => m.render({})).join('');
  }
}
