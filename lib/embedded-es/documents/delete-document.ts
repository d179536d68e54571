/** Deletes one document (the `delete` operation of `_bulk` and `DELETE /{index}/_doc/{id}`). */
import { illegalArgument, indexNotFound, versionConflict } from '../errors/es-errors';
import type { IndexState, Store } from '../state/store';
import { checkWriteBlock, type WriteResult } from './write-document';

export interface DeleteRequest {
  index: string;
  id: string;
  ifSeqNo?: number;
  ifPrimaryTerm?: number;
  version?: number;
  versionType?: string;
}

/** Resolves the index a delete or update addresses (no auto-creation). */
export function resolveExistingTarget(store: Store, name: string): IndexState {
  if (store.dataStreams.has(name)) throw illegalArgument('only write ops with an op_type of create are allowed in data streams');
  const alias = store.aliases.get(name);
  if (alias) {
    const members = [...alias];
    const write = members.find((m) => store.indices.get(m)?.meta.aliases[name]?.is_write_index === true) ?? (members.length === 1 ? members[0] : undefined);
    if (write === undefined) {
      throw illegalArgument(`no write index is defined for alias [${name}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index`);
    }
    return store.indices.get(write) as IndexState;
  }
  const state = store.indices.get(name);
  if (!state) throw indexNotFound(name);
  return state;
}

export function deleteDocument(store: Store, req: DeleteRequest): WriteResult {
  const state = resolveExistingTarget(store, req.index);
  checkWriteBlock(state);
  const name = state.meta.name;
  const existing = state.data.get(req.id);
  if (req.ifSeqNo !== undefined || req.ifPrimaryTerm !== undefined) {
    const s = req.ifSeqNo ?? -2;
    const p = req.ifPrimaryTerm ?? 0;
    if (!existing) throw versionConflict(req.id, `required seqNo [${s}], primary term [${p}] but no document was found`, name, state.meta.uuid);
    if (existing.seqNo !== s || existing.primaryTerm !== p) {
      throw versionConflict(req.id, `required seqNo [${s}], primary term [${p}]. current document has seqNo [${existing.seqNo}] and primary term [${existing.primaryTerm}]`, name, state.meta.uuid);
    }
  }
  if (req.version !== undefined && existing && (req.versionType === 'external' ? existing.version >= req.version : existing.version !== req.version)) {
    throw versionConflict(req.id, `current version [${existing.version}] is different than the one provided [${req.version}]`, name, state.meta.uuid);
  }
  const version = existing ? existing.version + 1 : (state.data.tombstones.get(req.id) ?? 0) + 1;
  const seqNo = state.data.maxSeqNo + 1;
  store.apply({ o: 'del', index: name, id: req.id, version, seqNo });
  return { index: name, id: req.id, version, seqNo, primaryTerm: 1, result: existing ? 'deleted' : 'not_found', status: existing ? 200 : 404 };
}
