/**
 * Data streams: creation from a matching composable template with `data_stream: {}`, hidden
 * `.ds-<name>-<yyyy.MM.dd>-<generation>` backing indices with a mandatory `@timestamp` date
 * field, rollover to a new write index, and the `GET _data_stream` view.
 */
import { illegalArgument, resourceAlreadyExists } from '../errors/es-errors';
import { validateIndexName } from '../state/index-names';
import type { DataStreamMeta, Json } from '../state/metadata';
import type { IndexState, Store } from '../state/store';
import { findIndexTemplate } from './compose-template';
import { createIndex } from './create-index';

const TIMESTAMP_MAPPING: Json = {
  _data_stream_timestamp: { enabled: true },
  properties: { '@timestamp': { type: 'date' } },
};

/** `.ds-logs-app-2024.01.31-000001` */
export function backingIndexName(name: string, generation: number, now: number): string {
  const d = new Date(now);
  const date = `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}`;
  return `.ds-${name}-${date}-${String(generation).padStart(6, '0')}`;
}

function newBackingIndex(store: Store, name: string, generation: number, now: number): IndexState {
  let index = backingIndexName(name, generation, now);
  // A name taken by a deleted-and-recreated stream on the same day gets the next free suffix.
  let g = generation;
  while (store.indices.has(index)) index = backingIndexName(name, ++g, now);
  const state = createIndex(store, index, {}, { dataStream: name, allowDataStreamTemplate: true, now });
  // Backing indices always map @timestamp as a date, whatever the template says.
  const props = (state.meta.mappings.properties ?? {}) as Json;
  if (props['@timestamp'] === undefined || state.meta.mappings._data_stream_timestamp === undefined) {
    const mappings: Json = { _data_stream_timestamp: TIMESTAMP_MAPPING._data_stream_timestamp, ...state.meta.mappings };
    mappings.properties = { '@timestamp': { type: 'date' }, ...props };
    return store.setIndex({ ...state.meta, mappings });
  }
  return state;
}

/** Creates data stream `name` (explicitly or on first write). */
export function createDataStream(store: Store, name: string, now = Date.now()): DataStreamMeta {
  validateIndexName(name);
  if (name.startsWith('.ds-')) throw illegalArgument(`data_stream [${name}] must not start with '.ds-'`);
  if (store.dataStreams.has(name)) throw resourceAlreadyExists(`data_stream [${name}] already exists`);
  if (store.indices.has(name) || store.aliases.has(name)) {
    throw illegalArgument(`data_stream [${name}] conflicts with index or alias [${name}]`);
  }
  const tpl = findIndexTemplate(store, name);
  if (!tpl) throw illegalArgument(`no matching index template found for data stream [${name}]`);
  const dsCfg = tpl.body.data_stream;
  if (dsCfg === undefined || dsCfg === null || typeof dsCfg !== 'object') {
    throw illegalArgument(`matching index template [${tpl.name}] for data stream [${name}] has no data stream template`);
  }
  const cfg = dsCfg as Json;
  const backing = newBackingIndex(store, name, 1, now);
  const meta: DataStreamMeta = {
    name,
    indices: [backing.meta.name],
    generation: 1,
    template: tpl.name,
    hidden: cfg.hidden === true,
    allowCustomRouting: cfg.allow_custom_routing === true,
    createdAt: now,
  };
  store.apply({ o: 'ds', name, meta });
  return meta;
}

/** Rolls a data stream over to a new write index; returns [old, new] index names. */
export function rolloverDataStream(store: Store, ds: DataStreamMeta, now = Date.now()): [string, string] {
  const old = ds.indices[ds.indices.length - 1] as string;
  const generation = ds.generation + 1;
  const next = newBackingIndex(store, ds.name, generation, now);
  store.apply({ o: 'ds', name: ds.name, meta: { ...ds, indices: [...ds.indices, next.meta.name], generation } });
  return [old, next.meta.name];
}

/** The write (current) backing index of a data stream. */
export function writeIndexOf(store: Store, ds: DataStreamMeta): IndexState | undefined {
  return store.indices.get(ds.indices[ds.indices.length - 1] as string);
}

/** One entry of `GET _data_stream`. */
export function dataStreamView(store: Store, ds: DataStreamMeta): Json {
  const tpl = store.templates.index.get(ds.template);
  const policy = tpl ? ((tpl.template as Json | undefined)?.settings as Json | undefined) : undefined;
  const ilmName = policy ? (policy['index.lifecycle.name'] ?? ((policy.index as Json | undefined)?.lifecycle as Json | undefined)?.name) : undefined;
  const view: Json = {
    name: ds.name,
    timestamp_field: { name: '@timestamp' },
    indices: ds.indices.map((i) => ({
      index_name: i,
      index_uuid: store.indices.get(i)?.meta.uuid ?? '_na_',
      prefer_ilm: true,
      managed_by: ilmName ? 'Index Lifecycle Management' : 'Unmanaged',
    })),
    generation: ds.generation,
    status: 'GREEN',
    template: ds.template,
    next_generation_managed_by: ilmName ? 'Index Lifecycle Management' : 'Unmanaged',
    prefer_ilm: true,
    hidden: ds.hidden,
    system: false,
    allow_custom_routing: ds.allowCustomRouting,
    replicated: false,
    rollover_on_write: false,
  };
  if (ilmName) view.ilm_policy = String(ilmName);
  return view;
}
