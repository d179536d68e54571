/**
 * Query parameters the store accepts. Elasticsearch rejects unknown parameters with
 * `request [/path] contains unrecognized parameter: [x]`, which catches client typos; we keep one
 * list for all endpoints (a typo is still caught, a valid parameter on the wrong API is not).
 */
export const KNOWN_PARAMS = new Set([
  // global
  'pretty', 'human', 'error_trace', 'filter_path', 'format', 'source', 'source_content_type',
  // cat
  'v', 'h', 's', 'help', 'bytes', 'time', 'size_units', 'local', 'health', 'pri', 'include_unloaded_segments', 'ts',
  // write
  'refresh', 'routing', 'pipeline', 'require_alias', 'require_data_stream', 'wait_for_active_shards', 'timeout', 'op_type',
  'version', 'version_type', 'if_seq_no', 'if_primary_term', 'list_executed_pipelines', 'include_source_on_error',
  'retry_on_conflict', 'detect_noop', 'lang',
  // get / source
  '_source', '_source_includes', '_source_excludes', '_source_include', '_source_exclude', 'realtime', 'preference', 'stored_fields',
  // search
  'q', 'df', 'default_operator', 'analyzer', 'analyze_wildcard', 'lenient', 'from', 'size', 'sort', 'track_total_hits',
  'track_scores', 'rest_total_hits_as_int', 'scroll', 'search_type', 'ignore_unavailable', 'allow_no_indices', 'expand_wildcards',
  'ignore_throttled', 'typed_keys', 'seq_no_primary_term', 'explain', 'batched_reduce_size', 'ccs_minimize_roundtrips',
  'max_concurrent_shard_requests', 'pre_filter_shard_size', 'request_cache', 'allow_partial_search_results', 'terminate_after',
  'stats', 'suggest_field', 'suggest_mode', 'suggest_size', 'suggest_text', 'docvalue_fields', 'keep_alive', 'min_score',
  'max_concurrent_searches', 'scroll_id', 'index', 'include_named_queries_score', 'force_synthetic_source', 'min_compatible_shard_node',
  // indices / cluster
  'flat_settings', 'include_defaults', 'preserve_existing', 'master_timeout', 'wait_for_status', 'wait_for_nodes', 'wait_for_events',
  'wait_for_no_relocating_shards', 'wait_for_no_initializing_shards', 'level', 'create', 'cause', 'order', 'name', 'write_index_only',
  'dry_run', 'lazy', 'wait_for_completion', 'reopen', 'allow_custom_routing', 'verbose', 'only_managed', 'only_errors', 'ignore_missing_component_templates',
  // license
  'acknowledge', 'type', 'accept_enterprise',
]);
