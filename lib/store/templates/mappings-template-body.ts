import { MANAGED_BY } from './template-names';

const KEYWORD = { type: 'keyword', ignore_above: 1024 } as const;

/**
 * The `el-proxy-mappings` component template (El Proxy publishes its name, not its content,
 * reference §16). What it guarantees:
 * - `@timestamp` is a date (data streams require it);
 * - `EBP_METADATA.*` are keywords (they are names: customer, retention, tag, agent, pipeline);
 * - `ES_BLOCKCHAIN`: `hash`/`previous_hash` keywords, `iteration`/`timestamp_ms` longs (sorted on
 *   by verification), `version` integer, and `fields` NOT indexed (`enabled: false`): the signed
 *   copy is kept in `_source` exactly as sent and can never cause a mapping conflict, whatever
 *   the signed fields hold;
 * - `tags` is a keyword (ECS), where `_ebp_remove_pipeline` is searched for.
 */
export function mappingsTemplateBody(): Record<string, unknown> {
  return {
    template: {
      mappings: {
        properties: {
          '@timestamp': { type: 'date' },
          tags: KEYWORD,
          EBP_METADATA: {
            properties: {
              agent: { properties: { type: KEYWORD, version: KEYWORD } },
              customer: KEYWORD,
              retention: KEYWORD,
              blockchain_tag: KEYWORD,
              event: { properties: { module: KEYWORD } },
              data_stream: { properties: { type: KEYWORD, dataset: KEYWORD } },
              pipeline: KEYWORD,
            },
          },
          ES_BLOCKCHAIN: {
            properties: {
              fields: { type: 'object', enabled: false },
              hash: KEYWORD,
              previous_hash: KEYWORD,
              iteration: { type: 'long' },
              timestamp_ms: { type: 'long' },
              version: { type: 'integer' },
            },
          },
        },
      },
    },
    version: 1,
    _meta: { managed_by: MANAGED_BY, description: 'Mappings of the fields El Proxy/Signet adds to signed logs' },
  };
}
