// Reads back what a test Signet stored — signed logs in the embedded store and in the DLQ,
// unsignable logs in the DLQ's rejected area — losslessly (lib/chain's parser, never
// JSON.parse), and verifies each chain from its iteration-0 key backup with lib/chain.
import fs from 'node:fs';
import path from 'node:path';
import { entryFromDocument, keyFromHex, parseJson, verifyEntries, type JsonObject, type JsonValue, type SequenceResult, type VerifyEntry } from '../../chain';
import { REJECTED_DIR } from '../../dlq';

export interface StoredChain {
  readonly name: string;
  /** Signed documents found in the store. */
  readonly indexed: JsonObject[];
  /** Signed documents found in the DLQ (signed files of the chain's customer). */
  readonly dlq: JsonObject[];
  readonly verdict: SequenceResult;
}

/** `_source` of every document of the data streams matching `pattern` (at most 10,000: test chains are small). */
export async function searchAll(esUrl: string, pattern: string): Promise<JsonObject[]> {
  await fetch(`${esUrl}/${pattern}/_refresh`, { method: 'POST' });
  // One page, no search_after: paging on the iteration alone could skip a duplicated iteration.
  const body = { size: 10_000, sort: [{ 'ES_BLOCKCHAIN.iteration': 'asc' }] };
  const res = await fetch(`${esUrl}/${pattern}/_search?ignore_unavailable=true&allow_no_indices=true`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`search ${pattern}: ${res.status} ${text.slice(0, 300)}`);
  const hits = ((parseJson(text) as JsonObject).hits as JsonObject).hits as JsonObject[];
  if (hits.length >= 10_000) throw new Error(`search ${pattern}: more than 10,000 documents; page through them`);
  return hits.map((h) => h._source as JsonObject);
}

/** Every `{document, el_error}` line of the signed DLQ files under `dlqDir` (all customers), with the file's data stream. */
export function readSignedDlq(dlqDir: string): { dataStream: string; document: JsonObject; elError: JsonValue }[] {
  const out: { dataStream: string; document: JsonObject; elError: JsonValue }[] = [];
  if (!fs.existsSync(dlqDir)) return out;
  for (const customer of fs.readdirSync(dlqDir)) {
    if (customer === REJECTED_DIR) continue;
    const folder = path.join(dlqDir, customer);
    if (!fs.statSync(folder).isDirectory()) continue;
    for (const f of fs.readdirSync(folder).filter((n) => n.endsWith('.ndjson'))) {
      for (const line of fs.readFileSync(path.join(folder, f), 'utf8').split('\n').filter((l) => l !== '')) {
        const v = parseJson(line) as JsonObject;
        out.push({ dataStream: f.replace(/-\d{4}-\d{2}-\d{2}(\.\d+)?\.ndjson$/, ''), document: v.document as JsonObject, elError: v.el_error as JsonValue });
      }
    }
  }
  return out;
}

/** Every line of the rejected area: the log as received (text or JSON) and the reason. */
export function readRejected(dlqDir: string): { log: JsonValue; logFormat: string; reason: string; remote: JsonValue }[] {
  const dir = path.join(dlqDir, REJECTED_DIR);
  if (!fs.existsSync(dir)) return [];
  const out: { log: JsonValue; logFormat: string; reason: string; remote: JsonValue }[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ndjson'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l !== '')) {
      const v = parseJson(line) as JsonObject;
      out.push({ log: v.log as JsonValue, logFormat: v.log_format as string, reason: v.reason as string, remote: v.remote as JsonValue });
    }
  }
  return out;
}

/**
 * Verifies one chain (`{module}-{customer}-{retention}-{tag}`) over everything stored for it —
 * store and DLQ together, since a log the store refused is still part of the chain — from
 * iteration 0 with the key in `keys_backup`.
 */
export async function verifyStoredChain(o: { esUrl: string; dataBackupDir: string; dlqDir: string; module: string; customer: string; retention: string; tag: string }): Promise<StoredChain> {
  const name = `${o.module}-${o.customer}-${o.retention}-${o.tag}`;
  const indexed = await searchAll(o.esUrl, `*-${name}`);
  const dlq = readSignedDlq(o.dlqDir)
    .filter((d) => d.dataStream.endsWith(`-${name}`))
    .map((d) => d.document);
  const key0 = JSON.parse(fs.readFileSync(path.join(o.dataBackupDir, o.customer, `${name}_key.json`), 'utf8')) as { key: string };
  const entries: VerifyEntry[] = [];
  for (const d of [...indexed, ...dlq]) {
    const r = entryFromDocument(d);
    if ('entry' in r) entries.push(r.entry);
    else throw new Error(`${name}: stored document without a usable ES_BLOCKCHAIN: ${r.problem}`);
  }
  entries.sort((a, b) => a.iteration - b.iteration);
  const verdict = verifyEntries(entries, { key: keyFromHex(key0.key), iteration: 0, previousHash: null, acknowledgeBlockchainId: `acknowledge-${name}` });
  return { name, indexed, dlq, verdict };
}
