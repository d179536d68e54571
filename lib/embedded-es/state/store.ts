/**
 * The store's whole state, in memory, and the only place that changes it.
 *
 * Every mutation is an `Op` applied here and queued for the write-ahead log; the HTTP layer
 * calls `commit()` after each request and answers only when the request's ops are durable.
 * Replay (start-up) feeds the logged ops back through `apply`, so live writes and recovery share
 * one code path.
 */
import { CompiledMapping } from '../mapping/compile-mapping';
import { indexDocument, type DocumentFields } from '../mapping/index-document';
import type { Op } from '../storage/ops';
import type { DocRecord } from './doc-record';
import { IndexData } from './index-data';
import { newUuid } from './ids';
import type { ClusterMeta, DataStreamMeta, IlmPolicyMeta, IndexMeta, Json, TemplateKind } from './metadata';

export interface IndexState {
  meta: IndexMeta;
  data: IndexData;
  mapping: CompiledMapping;
}

/** Where committed ops go (the WAL in production, nothing in pure unit tests). */
export interface Persistence {
  append(ops: Op[]): Promise<void>;
  barrier(): Promise<void>;
}

export class Store {
  readonly indices = new Map<string, IndexState>();
  readonly dataStreams = new Map<string, DataStreamMeta>();
  readonly templates: Record<TemplateKind, Map<string, Json>> = { index: new Map(), component: new Map(), legacy: new Map() };
  readonly ilm = new Map<string, IlmPolicyMeta>();
  readonly pipelines = new Map<string, Json>();
  /** alias name → index names (derived from index metadata). */
  readonly aliases = new Map<string, Set<string>>();
  cluster: ClusterMeta = {
    clusterUuid: newUuid(),
    license: { basicUid: crypto.randomUUID(), basicIssueDate: Date.now(), trialUsed: false },
    persistentSettings: {},
  };
  persistence: Persistence | undefined;
  private pending: Op[] = [];

  /** Applies one op; `log` queues it for the WAL (false during replay). */
  apply(op: Op, log = true): void {
    switch (op.o) {
      case 'doc': {
        const state = this.indices.get(op.index);
        if (!state) return;
        const fields = indexDocument(op.rec.source.toString('utf8'), op.rec.id, state.mapping, false, op.rec.source);
        state.data.insert(op.rec, fields);
        break;
      }
      case 'del': {
        this.indices.get(op.index)?.data.remove(op.id, op.version, op.seqNo);
        break;
      }
      case 'index':
        this.applyIndex(op.name, op.meta, op.maxSeqNo);
        break;
      case 'ds':
        if (op.meta) this.dataStreams.set(op.name, op.meta);
        else this.dataStreams.delete(op.name);
        break;
      case 'tpl':
        if (op.body) this.templates[op.kind].set(op.name, op.body);
        else this.templates[op.kind].delete(op.name);
        break;
      case 'ilm':
        if (op.policy) this.ilm.set(op.name, op.policy);
        else this.ilm.delete(op.name);
        break;
      case 'pipeline':
        if (op.body) this.pipelines.set(op.id, op.body);
        else this.pipelines.delete(op.id);
        break;
      case 'cluster':
        this.cluster = op.meta;
        break;
      case 'end':
        return;
    }
    if (log) this.pending.push(op);
  }

  /** Stores a parsed document (fields already extracted by the write path). */
  putDoc(state: IndexState, rec: DocRecord, fields: DocumentFields, knownOrd?: number | null): void {
    state.data.insert(rec, fields, knownOrd);
    this.pending.push({ o: 'doc', index: state.meta.name, rec });
  }

  /** Writes the ops queued since the last commit; resolves when they (and all before) are durable. */
  commit(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    if (!this.persistence) return Promise.resolve();
    return ops.length > 0 ? this.persistence.append(ops) : this.persistence.barrier();
  }

  /** Creates or replaces index metadata. */
  setIndex(meta: IndexMeta): IndexState {
    this.apply({ o: 'index', name: meta.name, meta });
    return this.indices.get(meta.name) as IndexState;
  }

  /**
   * Captures the whole state as ops (for snapshots): metadata first, then documents. The capture
   * is taken synchronously (records are immutable), so the returned iterable stays consistent
   * while the snapshot is written asynchronously and new writes continue.
   */
  captureSnapshot(): Iterable<Op> {
    const head: Op[] = [{ o: 'cluster', meta: structuredClone(this.cluster) }];
    for (const [kind, map] of Object.entries(this.templates) as [TemplateKind, Map<string, Json>][]) {
      for (const [name, body] of map) head.push({ o: 'tpl', kind, name, body: structuredClone(body) });
    }
    for (const [name, policy] of this.ilm) head.push({ o: 'ilm', name, policy: structuredClone(policy) });
    for (const [id, body] of this.pipelines) head.push({ o: 'pipeline', id, body: structuredClone(body) });
    for (const [name, meta] of this.dataStreams) head.push({ o: 'ds', name, meta: structuredClone(meta) });
    const captured = [...this.indices.values()].map((s) => ({ meta: structuredClone(s.meta), maxSeqNo: s.data.maxSeqNo, docs: [...s.data.records()] }));
    for (const c of captured) head.push({ o: 'index', name: c.meta.name, meta: c.meta, maxSeqNo: c.maxSeqNo });
    return (function* (): IterableIterator<Op> {
      yield* head;
      let count = 0;
      for (const c of captured) {
        for (const rec of c.docs) {
          count++;
          yield { o: 'doc', index: c.meta.name, rec };
        }
      }
      yield { o: 'end', docs: count };
    })();
  }

  private applyIndex(name: string, meta: IndexMeta | null, maxSeqNo?: number): void {
    const existing = this.indices.get(name);
    if (existing) for (const alias of Object.keys(existing.meta.aliases)) this.aliases.get(alias)?.delete(name);
    if (!meta) {
      this.indices.delete(name);
    } else if (existing && existing.meta.uuid === meta.uuid) {
      if (existing.meta.mappings !== meta.mappings || existing.meta.settings !== meta.settings) {
        existing.mapping = new CompiledMapping(meta.mappings, meta.settings);
      }
      existing.meta = meta;
    } else {
      const data = new IndexData();
      if (maxSeqNo !== undefined) data.maxSeqNo = maxSeqNo;
      this.indices.set(name, { meta, data, mapping: new CompiledMapping(meta.mappings, meta.settings) });
    }
    if (meta) {
      for (const alias of Object.keys(meta.aliases)) {
        let set = this.aliases.get(alias);
        if (!set) this.aliases.set(alias, (set = new Set()));
        set.add(name);
      }
    }
    for (const [alias, set] of this.aliases) if (set.size === 0) this.aliases.delete(alias);
  }
}
