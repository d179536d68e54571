import { z } from 'zod';
import { describeIssue, withRules } from './schema-kit';
import type { SchemaContext } from './schema-kit';
import { consoleSection } from './sections/console';
import { coreRules, coreShape } from './sections/core';
import { elasticsearchSection } from './sections/elasticsearch';
import { embeddedElasticsearchSection } from './sections/embedded-elasticsearch';
import { ingestSection } from './sections/ingest';
import { loggerSection } from './sections/logger';
import { webServerSection } from './sections/web-server';
import type { MainConfig } from './types';

// The one schema of elastic_blockchain_proxy.toml, composed from one file per section.
// To add a section: write sections/<name>.ts exporting `<name>Section(ctx)` (a strict object
// with `.prefault` defaults, rules via `withRules`, and a transform to its camelCase type), add
// the type to types.ts, and list it below. Env overrides, unknown-key detection and the README
// key check pick it up from the schema; nothing else needs to change.

/** Builds the schema; `ctx.baseDir` is what relative paths resolve against. */
export function createMainConfigSchema(ctx: SchemaContext) {
  const shape = z.strictObject({
    ...coreShape(ctx),
    logger: loggerSection().prefault({}),
    web_server: webServerSection(ctx).prefault({}),
    ingest: ingestSection(ctx).prefault({}),
    elasticsearch: elasticsearchSection(ctx).prefault({}),
    embedded_elasticsearch: embeddedElasticsearchSection(ctx).prefault({}),
    console: consoleSection(ctx).prefault({}),
  });
  return withRules(shape, coreRules(ctx)).transform(
    (v): MainConfig => ({
      messageQueueSize: v.message_queue_size,
      failureMaxRetries: v.failure_max_retries,
      failureSleepMsBetweenRetries: v.failure_sleep_ms_between_retries,
      module: v.module,
      dataDir: v.data_dir,
      dataBackupDir: v.data_backup_dir,
      dlqDir: v.dlq_dir,
      dlqRecoveredDir: v.dlq_recovered_dir,
      blockchainStateHistoryDir: v.blockchain_state_history_dir,
      verificationReportsDir: v.verification_reports_dir,
      outboxDir: v.outbox_dir,
      keySaveIntervalMs: v.key_save_interval_ms,
      maxBlockchains: v.max_blockchains,
      logger: v.logger,
      webServer: v.web_server,
      ingest: v.ingest,
      elasticsearch: v.elasticsearch,
      embeddedElasticsearch: v.embedded_elasticsearch,
      console: v.console,
    }),
  );
}

/** Parse options shared by every config schema: our wording for zod's generic issues. */
export const PARSE_OPTIONS = { error: describeIssue } as const;
