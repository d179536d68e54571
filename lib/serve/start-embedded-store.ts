import type { Config, LogLine } from '../config';
import { startEmbeddedEs, startEmbeddedEsChild, type EmbeddedEsLogger } from '../embedded-es';
import { ServeError } from './serve-error';

export interface EmbeddedStore {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the embedded store as `[embedded_elasticsearch] process` says: "child" forks the bundled
 * child entry (the store then uses a second core, and is restarted if it dies), "inline" runs it
 * in this process (in-process tests, or to save the second process's memory).
 */
export async function startEmbeddedStore(config: Config, childEntry: string | undefined, log: LogLine): Promise<EmbeddedStore> {
  const ee = config.embeddedElasticsearch;
  const common = { dataDir: ee.dataDir, host: '127.0.0.1', port: ee.port, maxContentLength: ee.maxContentLength };
  const logger: EmbeddedEsLogger = {
    warn: (m, d) => log(`embedded store: ${m}${d ? ` ${JSON.stringify(d)}` : ''}`, 'warn'),
    error: (m, d) => log(`embedded store: ${m}${d ? ` ${JSON.stringify(d)}` : ''}`, 'error'),
  };
  if (ee.process === 'inline') {
    const es = await startEmbeddedEs({ ...common, logger });
    log(`embedded Elasticsearch-compatible store: ${es.url} (data in ${ee.dataDir}; in this process)`);
    return es;
  }
  if (childEntry === undefined) {
    throw new ServeError('ERR_SERVE_EMBEDDED_ES', 'embedded_elasticsearch.process = "child" needs the bundled CLI (dist/embedded-es/child-main.cjs); run `signet serve`, or set it to "inline"');
  }
  const es = await startEmbeddedEsChild({ ...common, entry: childEntry, logger });
  log(`embedded Elasticsearch-compatible store: ${es.url} (data in ${ee.dataDir}; child process ${es.pid()})`);
  return es;
}
