// The ingest benchmark's workload (bench/ingest.ts): per chain, POOL request bodies of BATCH logs
// of LOG_BYTES, and the baseline's `_bulk` bodies of the very same logs signed as Signet signs them.
import { compileFieldSelector, genesisHead, keyFromHex, signBatch, signedDocumentText, type JsonObject } from '../lib/chain';
import { DEFAULT_INCLUDE_FIELDS } from '../lib/config';
import { syntheticLog } from '../lib/verify-workers';

export const BATCH = 125;
export const LOG_BYTES = 1024;
/** Distinct request bodies per chain (re-sent: every send is signed anew / gets new ids). */
export const POOL = 8;

// Workload: per chain, POOL request bodies of 125 logs; the baseline's documents are the same
// logs signed exactly as Signet signs them (lib/chain), so both sides store the same bytes.

export interface ChainWork {
  /** `/api/log_batch` bodies (JSON arrays). */
  readonly requests: Buffer[];
  /** Per request, the signed document texts the baseline indexes. */
  readonly signedDocs: string[][];
  readonly baselineStream: string;
}

export function makeWork(chains: number): ChainWork[] {
  const selector = compileFieldSelector([...DEFAULT_INCLUDE_FIELDS]);
  const work: ChainWork[] = [];
  for (let c = 0; c < chains; c++) {
    const requests: Buffer[] = [];
    const signedDocs: string[][] = [];
    let head = genesisHead(keyFromHex((c + 1).toString(16).padStart(2, '0').repeat(32)));
    for (let p = 0; p < POOL; p++) {
      const logs = Array.from({ length: BATCH }, (_, j) => {
        const l = syntheticLog((c * POOL + p) * BATCH + j, LOG_BYTES);
        (l.EBP_METADATA as JsonObject).blockchain_tag = String(c);
        return l;
      });
      const raws = logs.map((l) => JSON.stringify(l));
      requests.push(Buffer.from(`[${raws.join(',')}]`));
      const r = signBatch(head, logs, { selector, timestampMs: 1_700_000_000_000 });
      head = r.head;
      signedDocs.push(r.signed.map((s, j) => signedDocumentText(raws[j] as string, s.blockchain, s.canonicalFields)));
    }
    // Same template (pattern *-*-elproxysigned-*-6_months-*) as Signet's data streams.
    work.push({ requests, signedDocs, baselineStream: `filebeat-8.13.4-elproxysigned-baseline-6_months-${c}` });
  }
  return work;
}

let baselineSeq = 0;
/** The `_bulk` body lib/store sends: `create` action with `_index` and `_id`, document as is. */
export function baselineBody(w: ChainWork, p: number): Buffer {
  let out = '';
  const action = `{"create":{"_index":"${w.baselineStream}","_id":"baseline-`;
  for (const doc of w.signedDocs[p] as string[]) out += `${action}${baselineSeq++}"}}\n${doc}\n`;
  return Buffer.from(out);
}
