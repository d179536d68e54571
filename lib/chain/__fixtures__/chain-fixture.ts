// Test helper: builds signed chains and their stored ES_BLOCKCHAIN entries.
import { compileFieldSelector } from '../select-fields';
import { genesisHead, type ChainHead } from '../chain-head';
import { keyFromHex } from '../key-material';
import { signBatch } from '../sign-batch';
import type { JsonObject } from '../json-value';
import type { VerifyEntry } from '../verify-entry';

export const K0_HEX = '0123456789abcdef'.repeat(4);
export const ACK_ID = 'acknowledge-elproxysigned-acme-6_months-0';
export const SELECTOR = compileFieldSelector(['message', 'host.name', 'n']);

export function makeLogs(n: number, offset = 0): JsonObject[] {
  return Array.from({ length: n }, (_, i) => ({ message: `log ${i + offset}`, host: { name: `h${(i + offset) % 3}`, ip: '10.0.0.1' }, n: i + offset, other: 'unsigned' }));
}

/** Signs `n` logs from iteration 0 in batches of `batch`, with timestamps 1000, 1001, … per batch. */
export function makeChain(n: number, batch = 7): { entries: VerifyEntry[]; head: ChainHead } {
  let head = genesisHead(keyFromHex(K0_HEX));
  const entries: VerifyEntry[] = [];
  const logs = makeLogs(n);
  for (let i = 0; i < n; i += batch) {
    const r = signBatch(head, logs.slice(i, i + batch), { selector: SELECTOR, timestampMs: 1000 + i });
    head = r.head;
    for (const s of r.signed) {
      const b = s.blockchain;
      entries.push({ iteration: b.iteration, hash: b.hash, previousHash: b.previous_hash, timestampMs: b.timestamp_ms, fields: b.fields, version: b.version });
    }
  }
  return { entries, head };
}

export const key0 = (): Uint8Array => keyFromHex(K0_HEX);
