// Reads back everything the crash harness's chain stored (Elasticsearch through the official
// client, plus the dead letter queue, which is durable too) and verifies it with lib/chain.
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { entryFromDocument, keyFromHex, parseJson, verifyEntries, type JsonObject, type VerifyEntry } from '../../chain';

export interface StoredLog {
  seq: number;
  doc: JsonObject;
}

export interface ChainVerdict {
  iterations: number;
  /** lib/chain's errors (gaps, wrong hashes, broken links) and duplicate iterations. */
  verifyErrors: string[];
}

/** Every document of the chain's data streams, in iteration order (search_after pages). */
export async function readStoredLogs(esUrl: string, pattern: string): Promise<StoredLog[]> {
  const es = new Client({ node: esUrl });
  try {
    await es.indices.refresh({ index: pattern, ignore_unavailable: true, allow_no_indices: true });
    const out: StoredLog[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      // Tie-break on the hash: two logs at one iteration (the bug this looks for) must not be
      // skipped at a page boundary; _id cannot be sorted on (Elasticsearch 8 refuses it).
      const page = await es.transport.request<{ hits: { hits: { _source: unknown; sort: unknown[] }[] } }>(
        { method: 'POST', path: `/${pattern}/_search`, body: { size: 1000, sort: [{ 'ES_BLOCKCHAIN.iteration': 'asc' }, { 'ES_BLOCKCHAIN.hash': 'asc' }], ...(after ? { search_after: after } : {}) } },
        { asStream: false },
      );
      const hits = page.hits.hits;
      if (hits.length === 0) return out;
      for (const h of hits) out.push(toStored(JSON.stringify(h._source)));
      after = hits[hits.length - 1]!.sort;
    }
  } finally {
    await es.close();
  }
}

/** Signed documents of a chain waiting in the DLQ (`{dlq_dir}/{customer}/{data stream}-{date}.ndjson`). */
export function readDlqLogs(dlqDir: string, customer: string, chainName: string): StoredLog[] {
  const dir = path.join(dlqDir, customer);
  if (!fs.existsSync(dir)) return [];
  const out: StoredLog[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ndjson') && n.includes(`-${chainName}-`)).sort()) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (line === '') continue;
      const entry = parseJson(line) as JsonObject;
      out.push(toStored(JSON.stringify(entry.document)));
    }
  }
  return out;
}

/**
 * Verifies the logs from iteration 0 with the iteration-0 key, up to `endIteration` (inclusive:
 * the head the key file recorded, so that iterations lost at the end are reported too).
 */
export function verifyStoredChain(logs: readonly StoredLog[], key0Hex: string, endIteration: number, acknowledgeBlockchainId: string): ChainVerdict {
  const entries: VerifyEntry[] = [];
  const problems: string[] = [];
  for (const l of logs) {
    const r = entryFromDocument(l.doc);
    if ('entry' in r) entries.push(r.entry);
    else problems.push(`log ${l.seq}: ${r.problem}`);
  }
  entries.sort((a, b) => a.iteration - b.iteration);
  const verdict = verifyEntries(entries, { key: keyFromHex(key0Hex), iteration: 0, previousHash: null, acknowledgeBlockchainId, endIteration });
  return {
    iterations: verdict.nextIteration,
    verifyErrors: [
      ...problems,
      ...verdict.errors.map((e) => `${e.code} ${JSON.stringify(e.corruption)}`),
      ...verdict.duplicateIterations.map((i) => `duplicate iteration ${i}`),
    ],
  };
}

function toStored(text: string): StoredLog {
  // Re-parse losslessly: lib/chain verifies the exact values.
  const doc = parseJson(text) as JsonObject;
  return { seq: Number(String(doc.seq)), doc };
}
