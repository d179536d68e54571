/**
 * The logical operations persisted by the store. Every change to documents or metadata is one of
 * these; the WAL stores them grouped per request, snapshots store the whole state as the same ops,
 * and replay applies them through the same code path.
 */
import type { DocRecord } from '../state/doc-record';
import type { ClusterMeta, DataStreamMeta, IlmPolicyMeta, IndexMeta, TemplateKind } from '../state/metadata';

export type Op =
  | { o: 'doc'; index: string; rec: DocRecord }
  | { o: 'del'; index: string; id: string; version: number; seqNo: number }
  | { o: 'index'; name: string; meta: IndexMeta | null; maxSeqNo?: number }
  | { o: 'ds'; name: string; meta: DataStreamMeta | null }
  | { o: 'tpl'; kind: TemplateKind; name: string; body: Record<string, unknown> | null }
  | { o: 'ilm'; name: string; policy: IlmPolicyMeta | null }
  | { o: 'pipeline'; id: string; body: Record<string, unknown> | null }
  | { o: 'cluster'; meta: ClusterMeta }
  | { o: 'end'; docs: number };
