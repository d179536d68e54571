import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, startCliStore, type CliBundle, type CliStore } from '../__fixtures__/cli-child';

const DS = 'generic-1-elproxysigned-durable-6_months-0';
let bundle: CliBundle;
let dir: string;

beforeAll(async () => {
  bundle = await bundleCli();
  dir = mkdtempSync(path.join(os.tmpdir(), 'signet-es-durability-'));
}, 60_000);
afterAll(() => {
  bundle.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A document whose bytes a re-serialization would change (big integer, trailing-zero decimal). */
function source(id: string, i: number): string {
  return `{"@timestamp":"2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z","id":"${id}","big":${9007199254740993n + BigInt(i)},"ratio":${i}.50,"ES_BLOCKCHAIN":{"iteration":${i}}}`;
}

interface Acked {
  docs: Map<string, string>;
  deleted: Set<string>;
}

async function verify(store: CliStore, acked: Acked): Promise<void> {
  const client = new Client({ node: store.url, maxRetries: 0 });
  try {
    expect((await client.indices.getIndexTemplate({ name: 'durable' })).index_templates).toHaveLength(1);
    expect((await client.ingest.getPipeline({ id: 'stamp' })).stamp).toBeDefined();
    expect((await client.indices.getDataStream({ name: DS })).data_streams[0]?.name).toBe(DS);
    // Scroll through everything (more than one result window) keeping the raw response text.
    let text = '';
    let page = await (await fetch(`${store.url}/${DS}/_search?scroll=1m&size=5000`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":{"match_all":{}}}' })).text();
    const scrollId = (JSON.parse(page) as { _scroll_id: string })._scroll_id;
    while ((JSON.parse(page) as { hits: { hits: unknown[] } }).hits.hits.length > 0) {
      text += page;
      page = await (await fetch(`${store.url}/_search/scroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scroll: '1m', scroll_id: scrollId }) })).text();
    }
    expect(text.split('"_id":').length - 1).toBeGreaterThanOrEqual(acked.docs.size);
    for (const [id, src] of acked.docs) {
      // Byte-identical: the stored source appears verbatim in the raw response.
      expect(text.includes(`"_id":"${id}","_score":1,"_source":${src}}`), `acknowledged ${id} missing or altered`).toBe(true);
    }
    for (const id of acked.deleted) expect(text.includes(`"_id":"${id}"`), `deleted ${id} came back`).toBe(false);
  } finally {
    await client.close();
  }
}

async function writeUntilKilled(store: CliStore, round: number, acked: Acked): Promise<void> {
  const client = new Client({ node: store.url, maxRetries: 0, requestTimeout: 5000 });
  let n = 0;
  let stop = false;
  const writer = async (w: number): Promise<void> => {
    while (!stop) {
      const ids: string[] = [];
      let body = '';
      for (let k = 0; k < 25; k++) {
        const id = `r${round}-w${w}-${n++}`;
        ids.push(id);
        body += `{"create":{"_index":"${DS}","_id":"${id}"}}\n${source(id, n)}\n`;
      }
      try {
        const res = await client.bulk({ body } as never);
        res.items.forEach((item, k) => {
          const r = item.create;
          const id = ids[k] as string;
          if (r && (r.status === 201 || r.status === 409)) acked.docs.set(id, body.split('\n')[k * 2 + 1] as string);
        });
      } catch {
        return; // the store died: this batch was never acknowledged
      }
    }
  };
  const victims = [...acked.docs.keys()].slice(0, 2);
  const deleter = (async () => {
    for (const id of victims) {
      try {
        const backing = (await client.search({ index: DS, query: { ids: { values: [id] } } })).hits.hits[0]?._index;
        if (!backing) continue;
        // Not asserted either way until acknowledged: a delete cut by the kill may or may not apply.
        acked.docs.delete(id);
        await client.delete({ index: backing, id });
        acked.deleted.add(id);
      } catch {
        return;
      }
    }
  })();
  const writers = [writer(0), writer(1), writer(2)];
  await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 450)));
  store.child.kill('SIGKILL');
  stop = true;
  await Promise.all([...writers, deleter]);
  await store.exited;
  await client.close().catch(() => undefined);
}

describe('durability (kill -9)', () => {
  it('keeps every acknowledged write byte-identical across SIGKILLs at random moments', async () => {
    const acked: Acked = { docs: new Map(), deleted: new Set() };
    let store = await startCliStore(bundle, dir);
    const setup = new Client({ node: store.url, maxRetries: 0 });
    await setup.indices.putIndexTemplate({ name: 'durable', index_patterns: ['*-*-elproxysigned-*'], data_stream: {}, priority: 100 });
    await setup.ingest.putPipeline({ id: 'stamp', processors: [{ set: { field: 'stamped', value: true } }] });
    await setup.indices.createDataStream({ name: DS });
    await setup.close();
    for (let round = 1; round <= 4; round++) {
      await writeUntilKilled(store, round, acked);
      store = await startCliStore(bundle, dir);
      await verify(store, acked);
    }
    expect(acked.docs.size).toBeGreaterThan(100);
    // Still fully working after the crashes: writes, reads, then a clean SIGTERM shutdown.
    const client = new Client({ node: store.url, maxRetries: 0 });
    const res = await client.bulk({ operations: [{ create: { _index: DS, _id: 'final' } }, JSON.parse(source('final', 1)) as object] });
    expect(res.errors).toBe(false);
    await client.close();
    store.child.kill('SIGTERM');
    expect(await store.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(dir, 'store.lock'))).toBe(false);
    expect(store.stderr()).not.toMatch(/error/i);
  }, 60_000);
});
