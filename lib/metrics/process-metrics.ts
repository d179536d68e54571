import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Gauge, type Registry } from './registry';

/**
 * Where the process metrics come from. The defaults read Linux's /proc/self at scrape time (the
 * only file-system reads of lib/metrics); tests pass their own.
 */
export interface ProcessProbes {
  /** Open file descriptors, or null where /proc is not there. */
  openFds(): number | null;
  /** The soft limit on open file descriptors (`ulimit -n`), or null when unknown or unlimited. */
  maxFds(): number | null;
  /** Event-loop delay since the last scrape, in nanoseconds; reset by each read. */
  loopDelay(): { p50: number; p99: number; max: number } | null;
}

/** `ls /proc/self/fd` minus the descriptor the listing itself holds open. */
function openFdsFromProc(): number | null {
  try {
    return readdirSync('/proc/self/fd').length - 1;
  } catch {
    return null;
  }
}

/** The soft limit of "Max open files" in /proc/self/limits. */
export function parseMaxOpenFiles(limits: string): number | null {
  const m = /^Max open files\s+(\d+|unlimited)\s/m.exec(limits);
  return m === null || m[1] === 'unlimited' ? null : Number(m[1]);
}

function maxFdsFromProc(): number | null {
  try {
    return parseMaxOpenFiles(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Event-loop delay from Node's own sampler (a native, unref'd timer: it never keeps the process
 * alive). Reset at every read, so each scrape sees the delay since the one before — the figure
 * that explains a slow ingest answer at that time, not an average over the process's life.
 */
function loopDelaySampler(): () => { p50: number; p99: number; max: number } | null {
  const h: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return () => {
    const r = h.count > 0 ? { p50: h.percentile(50), p99: h.percentile(99), max: h.max } : null;
    h.reset();
    return r;
  };
}

export function defaultProcessProbes(): ProcessProbes {
  return { openFds: openFdsFromProc, maxFds: maxFdsFromProc, loopDelay: loopDelaySampler() };
}

const one = (v: number | null): { value: number }[] => (v === null ? [] : [{ value: v }]);

/**
 * The process metrics, with the names of Prometheus's process collector and Node's usual
 * `nodejs_eventloop_lag_*` so that stock dashboards and alerts apply. File descriptors matter
 * here: every blockchain keeps its outbox open, and a shipper that invents blockchains would
 * otherwise find the limit before `max_blockchains` does.
 */
export function registerProcessMetrics(reg: Registry, startTime: number, probes: ProcessProbes = defaultProcessProbes()): void {
  reg.registerPlain(new Gauge('process_resident_memory_bytes', 'Resident memory size in bytes', () => [{ value: process.memoryUsage.rss() }]));
  reg.registerPlain(new Gauge('process_heap_used_bytes', 'V8 heap in use in bytes', () => [{ value: process.memoryUsage().heapUsed }]));
  reg.registerPlain(new Gauge('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds', () => {
    const u = process.cpuUsage();
    return [{ value: (u.user + u.system) / 1e6 }];
  }));
  reg.registerPlain(new Gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch in seconds', () => [{ value: Math.floor(startTime / 1000) }]));
  reg.registerPlain(new Gauge('process_open_fds', 'Number of open file descriptors', () => one(probes.openFds())));
  reg.registerPlain(new Gauge('process_max_fds', 'Maximum number of open file descriptors (soft limit)', () => one(probes.maxFds())));
  // One sample feeds the three gauges of a scrape: they are rendered in this order.
  let delay: { p50: number; p99: number; max: number } | null = null;
  reg.registerPlain(new Gauge('nodejs_eventloop_lag_p50_seconds', 'Median event-loop delay since the last scrape, in seconds', () => {
    delay = probes.loopDelay();
    return one(delay === null ? null : delay.p50 / 1e9);
  }));
  reg.registerPlain(new Gauge('nodejs_eventloop_lag_p99_seconds', '99th percentile of the event-loop delay since the last scrape, in seconds', () => one(delay === null ? null : delay.p99 / 1e9)));
  reg.registerPlain(new Gauge('nodejs_eventloop_lag_max_seconds', 'Longest event-loop delay since the last scrape, in seconds', () => one(delay === null ? null : delay.max / 1e9)));
}
