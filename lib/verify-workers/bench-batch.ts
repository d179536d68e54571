import {
  checkEntries, compileFieldSelector, createSequenceVerifier, entryFromDocument, keyFromHex, parseJson, signBatch, type ChainHead, type VerifyEntry,
} from '../chain';
import type { BenchBatchSpec } from './protocol';
import { syntheticLog } from './synthetic-log';

/** Everything but EBP_METADATA is signed, so the signed payload grows with the log size. */
const SELECTOR = compileFieldSelector(['@timestamp', 'message', 'host', 'event', 'user', 'source', 'process', 'log']);

/** A generated batch as Elasticsearch would return it: one `{"ES_BLOCKCHAIN":…}` _source per line. */
export interface StoredBatch {
  spec: BenchBatchSpec;
  ndjson: Buffer;
}

/** Signs a batch of synthetic logs from its spec and serializes what verification will read. */
export function generateBenchBatch(spec: BenchBatchSpec, logSizeBytes: number): StoredBatch {
  const head: ChainHead = { key: keyFromHex(spec.startKey), iteration: spec.startIteration, previousHash: spec.previousHash };
  const logs = Array.from({ length: spec.count }, (_, i) => syntheticLog(spec.startIteration + i, logSizeBytes));
  const { signed } = signBatch(head, logs, { selector: SELECTOR, timestampMs: 1_700_000_000_000 + spec.index });
  const lines = signed.map(({ blockchain: b, canonicalFields }) => {
    const prev = b.previous_hash === null ? 'null' : `"${b.previous_hash}"`;
    return `{"ES_BLOCKCHAIN":{"fields":${canonicalFields},"hash":"${b.hash}","previous_hash":${prev},"iteration":${b.iteration},"timestamp_ms":${b.timestamp_ms},"version":1}}`;
  });
  return { spec, ndjson: Buffer.from(lines.join('\n'), 'utf8') };
}

/**
 * Verifies a stored batch the way `signet verify` treats a page read from Elasticsearch: decode,
 * parse each document losslessly, check every MAC, apply the sequence rules.
 */
export function verifyStoredBatch(batch: StoredBatch, acknowledgeBlockchainId: string): { logs: number; errors: number; duplicates: number; malformed: number } {
  const entries: VerifyEntry[] = [];
  let malformed = 0;
  for (const line of batch.ndjson.toString('utf8').split('\n')) {
    const r = entryFromDocument(parseJson(line));
    if ('entry' in r) entries.push(r.entry);
    else malformed++;
  }
  const { spec } = batch;
  const seq = createSequenceVerifier({ iteration: spec.startIteration, previousHash: spec.previousHash, acknowledgeBlockchainId });
  seq.push(checkEntries(entries, { key: keyFromHex(spec.startKey), iteration: spec.startIteration }));
  const r = seq.finish(spec.startIteration + spec.count - 1);
  return { logs: entries.length, errors: r.errors.length, duplicates: r.duplicateIterations.length, malformed };
}
