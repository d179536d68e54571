/**
 * Creates an index (explicitly, by auto-creation on write, or as a data stream backing index):
 * validates the name, applies templates, then the request's settings, mappings and aliases.
 */
import { esError } from '../errors/embedded-es-error';
import { illegalArgument, indexAlreadyExists, invalidIndexName } from '../errors/es-errors';
import { newUuid } from '../state/ids';
import { validateIndexName } from '../state/index-names';
import type { AliasMeta, IndexMeta, Json } from '../state/metadata';
import type { IndexState, Store } from '../state/store';
import { templatesFor } from './compose-template';
import { mergeMappings, normalizeMapping } from './mappings';
import { normalizeSettings } from './settings';

/** `index.version.created` of an 8.19 index. */
export const VERSION_CREATED = '8536000';

export interface CreateIndexRequest {
  settings?: unknown;
  mappings?: unknown;
  aliases?: unknown;
}

export interface CreateIndexOptions {
  /** Set when creating a data stream's backing index. */
  dataStream?: string;
  /** Extra mappings forced on top (data stream timestamp). */
  forcedMappings?: Json;
  /** Skip the "template creates data streams only" check (backing indices). */
  allowDataStreamTemplate?: boolean;
  now?: number;
}

function isObj(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Validates alias definitions from a create-index body or template. */
export function normalizeAliases(input: unknown): Record<string, AliasMeta> {
  const out: Record<string, AliasMeta> = {};
  if (!isObj(input)) return out;
  for (const [name, def] of Object.entries(input)) {
    if (name.startsWith('_') || name.includes('*')) throw invalidIndexName(name, name.includes('*') ? 'must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]' : "must not start with '_', '-', or '+'");
    out[name] = isObj(def) ? (def as AliasMeta) : {};
  }
  return out;
}

/** Creates index `name`; returns its state. @throws the Elasticsearch errors of index creation. */
export function createIndex(store: Store, name: string, req: CreateIndexRequest, opts: CreateIndexOptions = {}): IndexState {
  validateIndexName(name);
  const existing = store.indices.get(name);
  if (existing) throw indexAlreadyExists(name, existing.meta.uuid);
  if (store.aliases.has(name)) throw invalidIndexName(name, 'already exists as alias');
  if (store.dataStreams.has(name)) {
    throw esError({ status: 400, type: 'resource_already_exists_exception', reason: `data stream [${name}] already exists` });
  }
  // A backing index takes the template that matched its data stream's name (as Elasticsearch
  // does), not whatever happens to match its own `.ds-…` name.
  const tpl = templatesFor(store, opts.dataStream ?? name);
  if (tpl.dataStream && !opts.allowDataStreamTemplate) {
    throw illegalArgument(`cannot create index with name [${name}], because it matches with template [${tpl.template}] that creates data streams only, use create data stream api instead`);
  }
  const now = opts.now ?? Date.now();
  const uuid = newUuid();
  let mappings = tpl.mappings;
  if (req.mappings !== undefined) mappings = mergeMappings(mappings, normalizeMapping(req.mappings), 'override');
  if (opts.forcedMappings) mappings = mergeMappings(mappings, opts.forcedMappings, 'override');
  mappings = normalizeMapping(mappings);
  const userSettings = { ...tpl.settings, ...normalizeSettings(isObj(req.settings) ? req.settings : {}) };
  const settings: Record<string, string> = {
    'index.routing.allocation.include._tier_preference': opts.dataStream ? 'data_hot' : 'data_content',
    'index.number_of_shards': '1',
    'index.number_of_replicas': '1',
    ...userSettings,
    'index.provided_name': name,
    'index.creation_date': String(now),
    'index.uuid': uuid,
    'index.version.created': VERSION_CREATED,
  };
  if (opts.dataStream) settings['index.hidden'] = 'true';
  const aliases = { ...normalizeAliases(tpl.aliases), ...normalizeAliases(req.aliases) };
  const meta: IndexMeta = { name, uuid, creationDate: now, settings, mappings, aliases };
  if (opts.dataStream) meta.dataStream = opts.dataStream;
  return store.setIndex(meta);
}
