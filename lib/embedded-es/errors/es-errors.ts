/**
 * Factories for the Elasticsearch errors the store produces. Type names, reason formats and
 * statuses are wire facts copied from Elasticsearch 8's behaviour; clients and Signet match on
 * them, so keep them exact.
 */
import { esError, type EmbeddedEsError, type EsCause } from './embedded-es-error';

/** 404 `index_not_found_exception` for a missing index, alias or data stream. */
export function indexNotFound(name: string, reason = `no such index [${name}]`): EmbeddedEsError {
  return esError({
    status: 404,
    type: 'index_not_found_exception',
    reason,
    metadata: { 'resource.type': 'index_or_alias', 'resource.id': name, index_uuid: '_na_', index: name },
  });
}

/** 400 `resource_already_exists_exception` for an index that exists. */
export function indexAlreadyExists(name: string, uuid: string): EmbeddedEsError {
  return esError({
    status: 400,
    type: 'resource_already_exists_exception',
    reason: `index [${name}/${uuid}] already exists`,
    metadata: { index_uuid: uuid, index: name },
  });
}

/** 400 `resource_already_exists_exception` with a free reason (data streams, ...). */
export function resourceAlreadyExists(reason: string): EmbeddedEsError {
  return esError({ status: 400, type: 'resource_already_exists_exception', reason });
}

/** 404 `resource_not_found_exception`. */
export function resourceNotFound(reason: string): EmbeddedEsError {
  return esError({ status: 404, type: 'resource_not_found_exception', reason });
}

/** 400 `illegal_argument_exception`. */
export function illegalArgument(reason: string, causedBy?: EsCause): EmbeddedEsError {
  return esError({ status: 400, type: 'illegal_argument_exception', reason, causedBy });
}

/** 400 `action_request_validation_exception` with Elasticsearch's numbered list. */
export function validationFailed(problems: readonly string[]): EmbeddedEsError {
  const reason = 'Validation Failed: ' + problems.map((p, i) => `${i + 1}: ${p};`).join('');
  return esError({ status: 400, type: 'action_request_validation_exception', reason });
}

/** 400 `parse_exception`. */
export function parseException(reason: string): EmbeddedEsError {
  return esError({ status: 400, type: 'parse_exception', reason });
}

/** 400 `parsing_exception` (query DSL). */
export function parsingException(reason: string): EmbeddedEsError {
  return esError({ status: 400, type: 'parsing_exception', reason });
}

/** 400 `x_content_parse_exception` (malformed or mistyped body). */
export function xContentParse(reason: string): EmbeddedEsError {
  return esError({ status: 400, type: 'x_content_parse_exception', reason });
}

/** Shard-level metadata Elasticsearch attaches to engine errors. */
export function shardMeta(index: string, uuid: string): Record<string, unknown> {
  return { index_uuid: uuid, shard: '0', index };
}

/** 409 `version_conflict_engine_exception`. */
export function versionConflict(id: string, detail: string, index: string, uuid: string): EmbeddedEsError {
  return esError({
    status: 409,
    type: 'version_conflict_engine_exception',
    reason: `[${id}]: version conflict, ${detail}`,
    metadata: shardMeta(index, uuid),
  });
}

/** 404 `document_missing_exception` (update of a missing document). */
export function documentMissing(id: string, index: string, uuid: string): EmbeddedEsError {
  return esError({ status: 404, type: 'document_missing_exception', reason: `[${id}]: document missing`, metadata: shardMeta(index, uuid) });
}

/** 400 `document_parsing_exception` with `[line:col]` already in the reason. */
export function documentParsing(reason: string, causedBy?: EsCause): EmbeddedEsError {
  return esError({ status: 400, type: 'document_parsing_exception', reason, causedBy });
}

/** 400 `invalid_index_name_exception`. */
export function invalidIndexName(name: string, why: string): EmbeddedEsError {
  return esError({
    status: 400,
    type: 'invalid_index_name_exception',
    reason: `Invalid index name [${name}], ${why}`,
    metadata: { index_uuid: '_na_', index: name },
  });
}

/**
 * 400/404 `search_phase_execution_exception` wrapping a shard failure, as Elasticsearch reports
 * query errors ("all shards failed" with the real cause as root cause).
 */
export function searchPhaseFailure(cause: EmbeddedEsError, index: string): EmbeddedEsError {
  const inner = cause.toCause();
  return esError({
    status: cause.status,
    type: 'search_phase_execution_exception',
    reason: 'all shards failed',
    rootCause: [inner],
    extra: {
      phase: 'query',
      grouped: true,
      failed_shards: [{ shard: 0, index, node: 'signet-embedded-node', reason: inner }],
    },
    causedBy: inner,
  });
}
