import { describe, expect, it } from 'vitest';
import { createSignetMetrics } from './index';
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
