import { describe, expect, it } from 'vitest';
import { createSignetMetrics, parseMaxOpenFiles } from './index';
import { Counter, Registry } from './registry';

describe('metrics exposition', () => {
  it("renders El Proxy's names and labels as in its published sample (reference §11)", () => {
    const m = createSignetMetrics({ chains: () => [{ name: 'elproxysigned-acme-6_months-0', iteration: 42, queuedLogs: 3, pendingOutbox: 0, state: 'ready' }], dlqFiles: () => 2 }, 1_700_000_000_000);
    m.processedLogs.inc({ result: 'dlq' }, 2);
    m.processedLogs.inc({ result: 'indexed' }, 18);
    m.receivedLogs.inc({ tenant: 'mycustomer', retention: '6_months', tag: '0' }, 22);
    m.responseTime.observe(0.03);
    m.responseTime.observe(0.3);
    m.responseTime.observe(9);
    m.esRequests.inc({ result: 'success', retry_reason: 'none' });
    const text = m.render();
    expect(text).toContain('# TYPE processed_logs counter\nprocessed_logs{result="dlq",service_name="elproxy"} 2\nprocessed_logs{result="indexed",service_name="elproxy"} 18\n');
    expect(text).toContain('received_logs{retention="6_months",service_name="elproxy",tag="0",tenant="mycustomer"} 22');
    expect(text).toContain('# TYPE el_proxy_response_time histogram');
    expect(text).toContain('el_proxy_response_time_bucket{le="0.05",service_name="elproxy"} 1\n');
    expect(text).toContain('el_proxy_response_time_bucket{le="0.5",service_name="elproxy"} 2\n');
    expect(text).toContain('el_proxy_response_time_bucket{le="5",service_name="elproxy"} 2\n');
    expect(text).toContain('el_proxy_response_time_bucket{le="+Inf",service_name="elproxy"} 3\nel_proxy_response_time_sum{service_name="elproxy"} 9.33\nel_proxy_response_time_count{service_name="elproxy"} 3\n');
    expect(text).toContain('elasticsearch_requests{result="success",retry_reason="none",service_name="elproxy"} 1');
    expect(text).toContain('signet_chain_iteration{chain="elproxysigned-acme-6_months-0",service_name="elproxy"} 42');
    expect(text).toContain('signet_dlq_files{service_name="elproxy"} 2');
    expect(text).toMatch(/\nprocess_resident_memory_bytes \d+\n/);
    expect(text).toContain('process_start_time_seconds 1700000000\n');
    // Every El Proxy series carries service_name; every line is a comment or "name{labels} value".
    for (const line of text.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) .+|[a-z_]+(\{[^}]*\})? [-+0-9.eInfNa]+)$/);
  });

  it('escapes label values', () => {
    const reg = new Registry();
    const c = reg.register(new Counter('x', 'h'));
    c.inc({ reason: 'a "quoted"\\path\nnext' });
    expect(reg.render()).toContain('x{reason="a \\"quoted\\"\\\\path\\nnext"} 1');
    expect(c.get({ reason: 'nope' })).toBe(0);
  });
});

describe('process and chain-activity metrics', () => {
  const chain = { name: 'elproxysigned-acme-6_months-0', iteration: 7, queuedLogs: 0, pendingOutbox: 0, state: 'ready' };

  it('renders file descriptors and the event-loop delay from its probes, and leaves out what a probe cannot tell', () => {
    let delay: { p50: number; p99: number; max: number } | null = { p50: 2e6, p99: 15e6, max: 40e6 };
    const probes = { openFds: () => 37, maxFds: () => 1024, loopDelay: () => delay };
    const m = createSignetMetrics({ chains: () => [], dlqFiles: () => 0 }, 0, probes);
    const text = m.render();
    expect(text).toContain('# TYPE process_open_fds gauge\nprocess_open_fds 37\n');
    expect(text).toContain('process_max_fds 1024\n');
    expect(text).toContain('nodejs_eventloop_lag_p50_seconds 0.002\n');
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds 0.015\n');
    expect(text).toContain('nodejs_eventloop_lag_max_seconds 0.04\n');
    delay = null;
    const none = createSignetMetrics({ chains: () => [], dlqFiles: () => 0 }, 0, { openFds: () => null, maxFds: () => null, loopDelay: () => delay }).render();
    expect(none).not.toMatch(/^process_open_fds /m);
    expect(none).not.toMatch(/^process_max_fds /m);
    expect(none).not.toMatch(/^nodejs_eventloop_lag_\w+ /m);
  });

  it('reads the real process on Linux: open descriptors under the limit, and the loop delay once the loop has run', async () => {
    const m = createSignetMetrics({ chains: () => [], dlqFiles: () => 0 });
    await new Promise((r) => setTimeout(r, 60));
    const text = m.render();
    const open = Number(/^process_open_fds (\d+)$/m.exec(text)?.[1]);
    const max = Number(/^process_max_fds (\d+)$/m.exec(text)?.[1]);
    expect(open).toBeGreaterThan(2);
    expect(max).toBeGreaterThan(open);
    expect(Number(/^nodejs_eventloop_lag_max_seconds ([0-9.e-]+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
  });

  it('parses the soft limit out of /proc/self/limits', () => {
    const limits = 'Limit                     Soft Limit           Hard Limit           Units     \nMax processes             95426                95426                processes \nMax open files            20000                524288               files     \n';
    expect(parseMaxOpenFiles(limits)).toBe(20000);
    expect(parseMaxOpenFiles(limits.replace('20000 ', 'unlimited'))).toBeNull();
    expect(parseMaxOpenFiles('nothing here')).toBeNull();
  });

  it("gives each chain's last delivery as a timestamp, only once it has delivered", () => {
    const m = createSignetMetrics({ chains: () => [{ ...chain, lastCommitMs: 1_700_000_123_456 }, { ...chain, name: 'elproxysigned-acme-6_months-1', lastCommitMs: 0 }], dlqFiles: () => 0 }, 0, { openFds: () => null, maxFds: () => null, loopDelay: () => null });
    const text = m.render();
    expect(text).toContain('signet_chain_last_delivery_timestamp_seconds{chain="elproxysigned-acme-6_months-0",service_name="elproxy"} 1700000123.456\n');
    expect(text).not.toContain('signet_chain_last_delivery_timestamp_seconds{chain="elproxysigned-acme-6_months-1"');
  });

  it('prints histogram sums without floating-point noise', () => {
    const m = createSignetMetrics({ chains: () => [], dlqFiles: () => 0 }, 0, { openFds: () => null, maxFds: () => null, loopDelay: () => null });
    for (const v of [0.1, 0.2, 0.004243804]) m.esResponseTime.observe(v);
    expect(m.render()).toContain('write_logs_elasticsearch_response_time_sum{service_name="elproxy"} 0.304243804\n');
  });
});
