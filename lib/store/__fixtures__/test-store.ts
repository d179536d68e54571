/**
 * Test support for integration tests: the embedded Elasticsearch-compatible store on an
 * ephemeral loopback port with a temporary data directory and fault injection, and Signet's own
 * client (createEsClient) pointed at it. Refuses any URL that is not loopback, so an integration
 * test can never write to a real cluster by mistake.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '../../config';
import { startEmbeddedEs, type EmbeddedEs } from '../../embedded-es';
import { createEsClient } from '../create-es-client';

export interface TestStore {
  readonly es: EmbeddedEs;
  readonly url: string;
  readonly dir: string;
  /** Signet's client, request timeout `timeoutSecs` (default 10 s). */
  readonly client: Client;
  /** Another client on the same store with other settings. */
  clientWith(es: Partial<ElasticsearchConfig>): Client;
  /** Raw HTTP, for byte-level assertions. */
  raw(method: string, urlPath: string, body?: string): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** @throws Error when `url` is not on the loopback interface. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK.has(host)) throw new Error(`integration tests run only against a loopback store, not ${host}`);
}

export function esConfig(over: Partial<ElasticsearchConfig> = {}): ElasticsearchConfig {
  return { url: null, timeoutSecs: 10, caCertificatePath: null, auth: { type: 'None' }, ...over };
}

export async function startTestStore(): Promise<TestStore> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'signet-store-test-'));
  const es = await startEmbeddedEs({ dataDir: dir, host: '127.0.0.1', port: 0, faultInjection: true });
  assertLoopback(es.url);
  const clients: Client[] = [];
  const clientWith = (over: Partial<ElasticsearchConfig>) => {
    const c = createEsClient(esConfig(over), { url: es.url });
    clients.push(c);
    return c;
  };
  const client = clientWith({});
  return {
    es,
    url: es.url,
    dir,
    client,
    clientWith,
    async raw(method, urlPath, body) {
      const res = await fetch(es.url + urlPath, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body }) });
      return { status: res.status, text: await res.text() };
    },
    async close() {
      for (const c of clients) await c.close();
      await es.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
