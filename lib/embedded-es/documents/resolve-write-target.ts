/**
 * Where a write goes: a concrete index, an alias's write index, or a data stream's current
 * backing index; missing targets are auto-created (as a data stream when a data-stream template
 * matches), as Elasticsearch's `action.auto_create_index` default does.
 */
import { esError } from '../errors/embedded-es-error';
import { illegalArgument, indexNotFound } from '../errors/es-errors';
import { findIndexTemplate } from '../indices/compose-template';
import { createIndex } from '../indices/create-index';
import { createDataStream, writeIndexOf } from '../indices/data-streams';
import { validateIndexName } from '../state/index-names';
import type { DataStreamMeta } from '../state/metadata';
import type { IndexState, Store } from '../state/store';

export interface WriteTarget {
  state: IndexState;
  /** Set when the request named a data stream. */
  dataStream?: DataStreamMeta;
}

export interface TargetOptions {
  autoCreate: boolean;
  requireAlias?: boolean;
  requireDataStream?: boolean;
  now: number;
}

function aliasWriteIndex(store: Store, alias: string, members: Set<string>): IndexState {
  let write: string | undefined;
  for (const name of members) {
    const meta = store.indices.get(name)?.meta;
    if (meta?.aliases[alias]?.is_write_index === true) write = name;
  }
  if (write === undefined && members.size === 1) {
    const only = [...members][0] as string;
    if (store.indices.get(only)?.meta.aliases[alias]?.is_write_index !== false) write = only;
  }
  if (write === undefined) {
    throw illegalArgument(`no write index is defined for alias [${alias}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index`);
  }
  return store.indices.get(write) as IndexState;
}

/** Resolves (and if needed creates) the target of a write. */
export function resolveWriteTarget(store: Store, name: string, opts: TargetOptions): WriteTarget {
  const alias = store.aliases.get(name);
  if (opts.requireAlias && !alias) {
    throw indexNotFound(name, `no such index [${name}] and [require_alias] request flag is [true] and [${name}] is not an alias`);
  }
  if (alias) return { state: aliasWriteIndex(store, name, alias) };
  const ds = store.dataStreams.get(name);
  if (ds) {
    const state = writeIndexOf(store, ds);
    if (!state) throw indexNotFound(name);
    return { state, dataStream: ds };
  }
  const state = store.indices.get(name);
  if (state) {
    if (opts.requireDataStream) {
      throw illegalArgument(`only write ops to a data stream are allowed, but index [${name}] is not a data stream`);
    }
    return { state };
  }
  if (!opts.autoCreate) throw indexNotFound(name);
  validateIndexName(name);
  const tpl = findIndexTemplate(store, name);
  if (tpl?.body.data_stream !== undefined && tpl.body.data_stream !== null) {
    const created = createDataStream(store, name, opts.now);
    return { state: writeIndexOf(store, created) as IndexState, dataStream: created };
  }
  if (opts.requireDataStream) {
    throw esError({ status: 400, type: 'illegal_argument_exception', reason: `no matching index template found for data stream [${name}]` });
  }
  return { state: createIndex(store, name, {}, { now: opts.now }) };
}
