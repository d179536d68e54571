import { MANAGED_BY } from './template-names';

/**
 * Rollover of the hot phase. El Proxy rolls its data streams over every 14 days (reference §4.4);
 * the size bound is Elastic's own default for data streams, so that one busy chain cannot grow a
 * shard without limit between two rollovers.
 */
export const ROLLOVER = Object.freeze({ max_age: '14d', max_primary_shard_size: '50gb' });

/**
 * The body of a retention's ILM policy: hot phase with rollover, then a delete phase after
 * `days` (counted by ILM from the rollover of each backing index), or no delete phase for a
 * retention that is never deleted (`days` null).
 */
export function ilmPolicyBody(retention: string, days: number | null): Record<string, unknown> {
  const phases: Record<string, unknown> = {
    hot: { min_age: '0ms', actions: { rollover: { ...ROLLOVER } } },
  };
  if (days !== null) phases.delete = { min_age: `${days}d`, actions: { delete: {} } };
  return { _meta: { managed_by: MANAGED_BY, retention, retention_days: days }, phases };
}
