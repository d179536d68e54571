// Contract: one line per ingest request for `[logger] level = "debug"` — endpoint, answer, client,
// time, counts or error code; never a log's content, a header or a credential. Pure.
import type { IngestAnswered } from '../ingest';

/** `POST /api/log_batch 200 from 10.0.0.5 in 12 ms: logs=125 indexed=125 dlq=0 rejected=0 chains=…` */
export function requestLine(a: IngestAnswered): string {
  const path = a.kind === 'batch' ? '/api/log_batch' : '/api/log';
  const head = `POST ${path} ${a.response.status} from ${a.remote ?? 'unknown'} in ${Math.round(a.ms)} ms`;
  const b = a.response.body;
  if (a.response.status === 200) {
    const chains = Array.isArray(b.chains) ? (b.chains as string[]).join(',') : '';
    return `${head}: logs=${String(b.logs)} indexed=${String(b.indexed)} dlq=${String(b.dlq)} rejected=${String(b.rejected)}${chains === '' ? '' : ` chains=${chains}`}`;
  }
  const code = (b.error as { code?: unknown } | undefined)?.code;
  return `${head}: ${typeof code === 'string' ? code : 'error'}`;
}
