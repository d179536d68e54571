/**
 * Signed fields used when elastic_blockchain_proxy_fields.toml is absent; the shipped example
 * file lists the same (a test keeps them equal). See config/elastic_blockchain_proxy_fields.toml
 * for why each is there.
 */
export const DEFAULT_INCLUDE_FIELDS: readonly string[] = Object.freeze([
  '@timestamp',
  'message',
  'event.original',
  'event.category',
  'event.action',
  'event.outcome',
  'event.module',
  'host.name',
  'host.hostname',
  'host.ip',
  'user.name',
  'source.ip',
  'destination.ip',
  'process.name',
  'log.level',
  'value',
  'origin',
  'entry',
]);
