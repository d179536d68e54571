import path from 'node:path';
import { checkedString, intSchema, pathSchema } from '../schema-kit';
import type { ReportRule, SchemaContext } from '../schema-kit';

// Top-level keys of elastic_blockchain_proxy.toml (El Proxy reference §4.2) plus Signet's
// outbox_dir, key_save_interval_ms and max_blockchains. Directories default under ./data so a fresh checkout runs
// without root.

const MODULE_MAX = 64;

/** `module` becomes part of index and key-file names: lowercase `[a-z0-9_.]`, no `..`, bounded. */
export function checkModuleName(value: string): string | null {
  if (value.length > MODULE_MAX) return `must be at most ${MODULE_MAX} characters`;
  if (!/^[a-z0-9][a-z0-9_.]*$/.test(value)) {
    return `expected lowercase letters, digits, "_" and "." (starting with a letter or digit), got ${JSON.stringify(value)}`;
  }
  if (value.includes('..')) return 'must not contain ".."';
  return null;
}

export function coreShape(ctx: SchemaContext) {
  return {
    message_queue_size: intSchema(1, 10_000_000).prefault(20_000),
    failure_max_retries: intSchema(0, 1_000).prefault(5),
    failure_sleep_ms_between_retries: intSchema(0, 3_600_000).prefault(500),
    module: checkedString(checkModuleName).prefault('elproxysigned'),
    data_dir: pathSchema(ctx).prefault('./data/keys'),
    data_backup_dir: pathSchema(ctx).prefault('./data/keys_backup'),
    dlq_dir: pathSchema(ctx).prefault('./data/dlq'),
    dlq_recovered_dir: pathSchema(ctx).prefault('./data/dlq_recovered'),
    blockchain_state_history_dir: pathSchema(ctx).prefault('./data/state_history'),
    verification_reports_dir: pathSchema(ctx).prefault('./data/reports'),
    outbox_dir: pathSchema(ctx).prefault('./data/outbox'),
    key_save_interval_ms: intSchema(0, 10_000).prefault(0),
    // 1000, like Elasticsearch's cluster.max_shards_per_node: each chain adds data streams (shards).
    max_blockchains: intSchema(1, 1_000_000).prefault(1_000),
  };
}

// Directories laid out as {dir}/{customer}/...: if one of a pair sits inside the other, its
// folder would be mistaken for a customer (and a backup dir equal to data_dir would have the
// iteration-0 backup overwritten by the live key file).
const SEPARATE_DIRS: readonly (readonly [string, string])[] = [
  ['data_backup_dir', 'data_dir'],
  ['dlq_recovered_dir', 'dlq_dir'],
];

export function coreRules(ctx: SchemaContext) {
  return (value: Readonly<Record<string, unknown>>, report: ReportRule): void => {
    for (const [key, other] of SEPARATE_DIRS) {
      const a = value[key];
      const b = value[other];
      if (typeof a !== 'string' || typeof b !== 'string') continue;
      // Rules run after transforms succeed, but resolve again in case a value is still raw.
      const ra = path.resolve(ctx.baseDir, a);
      const rb = path.resolve(ctx.baseDir, b);
      if (ra === rb) report([key], `must differ from ${other}`);
      else if (isInside(ra, rb) || isInside(rb, ra)) report([key], `must not be nested with ${other} (${ra} vs ${rb})`);
    }
  };
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
