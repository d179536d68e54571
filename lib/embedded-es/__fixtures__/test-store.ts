/**
 * Test support: an embedded store on an ephemeral loopback port with a temporary data directory,
 * the official client pointed at it, and a raw HTTP helper for wire-level assertions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client, errors } from '@elastic/elasticsearch';
import { startEmbeddedEs } from '../start-embedded-es';
import type { EmbeddedEs, EmbeddedEsOptions } from '../types';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface TestStore {
  es: EmbeddedEs;
  client: Client;
  dir: string;
  raw(method: string, urlPath: string, body?: string | Buffer, headers?: Record<string, string>): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Starts a store for one test file. */
export async function startTestStore(options: Partial<EmbeddedEsOptions> = {}): Promise<TestStore> {
  const dir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'signet-es-test-'));
  const es = await startEmbeddedEs({ port: 0, host: '127.0.0.1', ...options, dataDir: dir });
  const client = new Client({ node: es.url, maxRetries: 0 });
  return {
    es,
    client,
    dir,
    async raw(method, urlPath, body, headers = {}) {
      const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
      if (body !== undefined) init.body = typeof body === 'string' ? body : new Uint8Array(body);
      const res = await fetch(es.url + urlPath, init);
      const text = await res.text();
      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async close() {
      await client.close();
      await es.close();
      if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** NDJSON body from lines (each line an object or raw string), newline-terminated. */
export function ndjson(lines: readonly unknown[]): string {
  return lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
}

export { gzipSync };

/** Awaits a request that must fail with an Elasticsearch error response. */
export async function rejection(request: Promise<unknown>): Promise<errors.ResponseError> {
  try {
    await request;
  } catch (err) {
    if (err instanceof errors.ResponseError) return err;
    throw err;
  }
  throw new Error('expected the request to fail with a ResponseError');
}
