// Seeding of the console benchmark (bench/console.ts): DLQ entries written in the DLQ's own
// format, signed logs sent through the real ingest API.
import http from 'node:http';
import path from 'node:path';
import { createDlq } from '../lib/dlq';
import { postBody } from './http-post';

const BATCH = 500;
const AGENT = { type: 'logstash', version: '8.11.0' };
export const CUSTOMER = 'consolebench';
export const RETENTION = '6_months';

const dataStream = (chain: number) => `${AGENT.type}-${AGENT.version}-elproxysigned-${CUSTOMER}-${RETENTION}-${chain}`;

/** The DLQ's own files: `n` entries spread over one file per chain, each a signed-looking log with a mapping-conflict error. */
export async function seedDlq(dir: string, n: number, chains: number): Promise<void> {
  const dlq = createDlq({ dlqDir: path.join(dir, 'data', 'dlq'), dlqRecoveredDir: path.join(dir, 'data', 'dlq_recovered') });
  const error = { type: 'document_parsing_exception', reason: '[1:42] failed to parse field [message] of type [text]: mapping conflict' };
  for (let c = 0; c < chains; c++) {
    const count = Math.floor(n / chains) + (c < n % chains ? 1 : 0);
    for (let from = 0; from < count; from += 5_000) {
      const entries = Array.from({ length: Math.min(5_000, count - from) }, (_, i) => {
        const it = from + i;
        const doc = { '@timestamp': new Date(Date.UTC(2026, 11, 1) + it * 1000).toISOString(), message: { conflicting: `dlq ${c}/${it}` }, EBP_METADATA: { agent: AGENT, customer: CUSTOMER, retention: RETENTION, blockchain_tag: String(c) }, ES_BLOCKCHAIN: { iteration: 10_000_000 + it, hash: 'f'.repeat(64), previous_hash: 'e'.repeat(64), timestamp_ms: 1_764_547_200_000 + it, version: 1 } };
        return { documentText: JSON.stringify(doc), error };
      });
      await dlq.append(CUSTOMER, dataStream(c), entries);
    }
  }
}

/** `n` logs through the ingest API, one concurrent client per chain. */
export async function seedLogs(url: string, n: number, chains: number, log: (msg: string) => void): Promise<number> {
  const t0 = performance.now();
  let sent = 0;
  let lastReport = t0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  try {
    await Promise.all(
      Array.from({ length: chains }, async (_, c) => {
        const count = Math.floor(n / chains) + (c < n % chains ? 1 : 0);
        const meta = JSON.stringify({ agent: AGENT, customer: CUSTOMER, retention: RETENTION, blockchain_tag: String(c) });
        for (let from = 0; from < count; from += BATCH) {
          const k = Math.min(BATCH, count - from);
          const logs = Array.from({ length: k }, (_, i) => `{"@timestamp":"${new Date(Date.UTC(2026, 11, 6) + (from + i) * 10).toISOString()}","message":"console bench log ${c}/${from + i}","host":{"name":"web-0${c}"},"EBP_METADATA":${meta}}`);
          for (let attempt = 0; ; attempt++) {
            const r = await postBody(agent, url, '/api/log_batch', Buffer.from(`[${logs.join(',')}]`), 'application/json');
            if (r.status === 200) {
              const a = JSON.parse(r.text) as { indexed?: number };
              if (a.indexed !== k) throw new Error(`/api/log_batch indexed ${a.indexed} of ${k}: ${r.text.slice(0, 300)}`);
              break;
            }
            // 429/503: a full queue or a store catching up; back off and re-send (as a shipper does).
            if ((r.status !== 429 && r.status !== 503) || attempt > 20) throw new Error(`/api/log_batch answered ${r.status}: ${r.text.slice(0, 300)}`);
            await new Promise((res) => setTimeout(res, 200 * (attempt + 1)));
          }
          sent += k;
          const now = performance.now();
          if (now - lastReport > 10_000) {
            lastReport = now;
            log(`  ${sent} / ${n} logs (${Math.round(sent / ((now - t0) / 1000))}/s)`);
          }
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return (performance.now() - t0) / 1000;
}
