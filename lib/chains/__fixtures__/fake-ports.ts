// In-memory ports for exercising the write protocol's failure paths deterministically.
// Integration tests against the embedded store cover the real Elasticsearch behaviour.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chainName, cloneHead, compileFieldSelector, entryFromDocument, headToKeyFile, keyFromHex, parseJson, verifyEntries, type ChainHead, type ChainIdentity, type VerifyEntry,
} from '../../chain';
import { toBulkPayload } from '../bulk-payload';
import type { BulkItem, DeliveryResult, DlqPort, KeyStorePort, StorePort } from '../ports';
import type { ChainWriterDeps } from '../commit-types';

export const ID: ChainIdentity = { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' };

export class FakeKeys implements KeyStorePort {
  files = new Map<string, ChainHead>();
  backups = new Map<string, string>();
  failSave = false;
  /** Iterations of the heads saved, in order. */
  saved: number[] = [];
  /** While set, saves wait for it (tests hold a save open to see what runs meanwhile). */
  holdSave: Promise<void> | null = null;
  async load(id: ChainIdentity) {
    const h = this.files.get(chainName(id));
    return h === undefined ? null : cloneHead(h);
  }
  async create(id: ChainIdentity, key0: Uint8Array) {
    const name = chainName(id);
    if (this.files.has(name)) throw new Error('exists');
    const head = { key: key0, iteration: 0, previousHash: null };
    this.files.set(name, cloneHead(head));
    this.backups.set(name, headToKeyFile(head).key);
    return head;
  }
  async save(id: ChainIdentity, head: ChainHead, o: { allowRollback?: boolean } = {}) {
    if (this.holdSave !== null) await this.holdSave;
    if (this.failSave) throw new Error('disk full');
    this.saved.push(head.iteration);
    const cur = this.files.get(chainName(id));
    if (cur !== undefined && head.iteration < cur.iteration && !o.allowRollback) throw new Error('stale');
    this.files.set(chainName(id), cloneHead(head));
  }
}

export class FakeDlq implements DlqPort {
  entries: { customer: string; dataStream: string; documentText: string; error: { type: string; reason: string } | null }[] = [];
  fail = false;
  /** Fails the appends of these data streams only (one unwritable file among several). */
  failStreams = new Set<string>();
  async append(customer: string, dataStream: string, entries: { documentText: string; error: { type: string; reason: string } | null }[]) {
    if (this.fail || this.failStreams.has(dataStream)) throw new Error('EACCES: dlq unwritable');
    for (const e of entries) this.entries.push({ customer, dataStream, ...e });
  }
}

/** A store that keeps documents by _id and answers deliveries from a script of outcomes. */
export class FakeStore implements StorePort {
  docs = new Map<string, string>();
  deliveries = 0;
  /** Logs per delivery, in order. */
  sizes: number[] = [];
  script: ((items: readonly BulkItem[]) => DeliveryResult | 'default')[] = [];
  failItem: ((item: BulkItem) => { type: string; reason: string } | null) | null = null;
  up = true;
  /** While set, deliveries wait for it (tests hold a delivery open to see what runs meanwhile). */
  hold: Promise<void> | null = null;
  /** Deliveries in progress now, and the most there ever were at once. */
  active = 0;
  maxActive = 0;
  /** Key-file iteration seen at the start of each delivery (set by tests that pass `keys`). */
  keysSeen: (number | null)[] = [];
  watchKeys: FakeKeys | null = null;
  async deliver(items: readonly BulkItem[], body?: Buffer): Promise<DeliveryResult> {
    // A prebuilt body must be exactly the items' bulk body (the writer joins commits' bodies).
    if (body !== undefined && body.toString('utf8') !== toBulkPayload(items)) throw new Error('the bulk body does not match its items');
    this.deliveries++;
    this.sizes.push(items.length);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (this.watchKeys !== null) this.keysSeen.push(this.watchKeys.files.get(chainName(ID))?.iteration ?? null);
      if (this.hold !== null) await this.hold;
      return this.answer(items);
    } finally {
      this.active--;
    }
  }
  private answer(items: readonly BulkItem[]): DeliveryResult {
    const step = this.script.shift();
    const scripted = step?.(items);
    if (scripted !== undefined && scripted !== 'default') return scripted;
    if (!this.up) return { outcome: 'not_indexed', error: { type: 'connection_error', reason: 'connect ECONNREFUSED 127.0.0.1:9200' } };
    return {
      outcome: 'done',
      items: items.map((it) => {
        const err = this.failItem?.(it) ?? null;
        if (err !== null) return { status: 'failed' as const, error: err };
        if (this.docs.has(it.id)) return { status: 'exists' as const };
        this.docs.set(it.id, it.docText);
        return { status: 'indexed' as const };
      }),
    };
  }
  async maxIteration(id: ChainIdentity) {
    if (!this.up) throw new Error('connect ECONNREFUSED');
    let max: number | null = null;
    for (const k of this.docs.keys()) if (k.startsWith(chainName(id) + '-')) max = Math.max(max ?? -1, Number(k.slice(chainName(id).length + 1)));
    return max;
  }
  async ping() {
    return this.up;
  }
  /** Verifies everything stored for the chain with lib/chain, from iteration 0. */
  verify(key0: Uint8Array, extra: string[] = []) {
    const entries: VerifyEntry[] = [];
    for (const text of [...this.docs.values(), ...extra]) {
      const r = entryFromDocument(parseJson(text));
      if ('entry' in r) entries.push(r.entry);
    }
    entries.sort((a, b) => a.iteration - b.iteration);
    return verifyEntries(entries, { key: key0, iteration: 0, previousHash: null, acknowledgeBlockchainId: 'acknowledge-elproxysigned-acme-6_months-0' });
  }
}

export const K0 = '5f3c9a1e7b2d4c6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';

export function makeDeps(over: Partial<ChainWriterDeps> = {}) {
  const keys = new FakeKeys();
  const dlq = new FakeDlq();
  const store = new FakeStore();
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  let t = 1_700_000_000_000;
  const deps: ChainWriterDeps = {
    keys,
    dlq,
    store,
    metrics: { logsProcessed: () => undefined },
    outboxDir,
    maxQueuedLogs: 1000,
    selector: () => compileFieldSelector(['message']),
    now: () => t++,
    newKey: () => keyFromHex(K0),
    ...over,
  };
  return { deps, keys, dlq, store, outboxDir };
}

export function log(i: number, stream = 'filebeat-8.13.4-elproxysigned-acme-6_months-0') {
  const raw = `{"message":"log ${i}","n":${i}}`;
  return { raw, dataStream: stream, pipeline: null };
}

export const randomKey = () => Buffer.from(randomBytes(32).toString('hex'));
