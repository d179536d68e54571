/** Persistent metadata shapes (stored as JSON in the WAL and snapshots). */

export type Json = Record<string, unknown>;

export interface AliasMeta {
  is_write_index?: boolean;
  is_hidden?: boolean;
  filter?: Json;
  routing?: string;
  index_routing?: string;
  search_routing?: string;
}

export interface IndexMeta {
  name: string;
  uuid: string;
  creationDate: number;
  /** Flat settings (`index.number_of_shards` → "1"), values as strings like Elasticsearch. */
  settings: Record<string, string>;
  /** The mapping JSON as `GET _mapping` returns it (`{}` when empty). */
  mappings: Json;
  aliases: Record<string, AliasMeta>;
  /** Name of the data stream this index backs. */
  dataStream?: string;
}

export interface DataStreamMeta {
  name: string;
  /** Backing index names, oldest first; the last one is the write index. */
  indices: string[];
  generation: number;
  template: string;
  hidden: boolean;
  allowCustomRouting: boolean;
  createdAt: number;
  meta?: Json;
}

export interface IlmPolicyMeta {
  version: number;
  modifiedDate: number;
  policy: Json;
}

export type TemplateKind = 'index' | 'component' | 'legacy';

export interface LicenseMeta {
  /** The installed license (trial/…); undefined means the self-generated basic license. */
  installed?: Json;
  basicUid: string;
  basicIssueDate: number;
  trialUsed: boolean;
}

export interface ClusterMeta {
  clusterUuid: string;
  license: LicenseMeta;
  /** Persistent cluster settings (`PUT _cluster/settings`). */
  persistentSettings: Json;
  /** ILM operation mode (`ilm.start` / `ilm.stop`). */
  ilmMode?: 'RUNNING' | 'STOPPED';
}
