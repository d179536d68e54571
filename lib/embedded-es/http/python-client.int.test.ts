import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStore, type TestStore } from '../__fixtures__/test-store';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

async function pythonHasElasticsearch(): Promise<boolean> {
  try {
    await run(PYTHON, ['-c', 'import elasticsearch']);
    return true;
  } catch {
    return false;
  }
}

const available = await pythonHasElasticsearch();
// The project's setup installs python3-elasticsearch (scripts/setup.sh); only its absence skips,
// and the skipped suite's name says why.
const title = available
  ? 'python3-elasticsearch 7.17 (Debian) against the store'
  : 'SKIPPED: /usr/bin/python3 cannot import elasticsearch (apt-get install python3-elasticsearch)';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(async () => {
  await t.close();
});

const SCRIPT = `
import json, sys
import elasticsearch as e, elasticsearch.helpers as h
es = e.Elasticsearch(sys.argv[1])
info = es.info()
es.indices.put_index_template(name="py", body={"index_patterns": ["logs-py*"], "data_stream": {}})
ok, errors = h.bulk(es, [{"_index": "logs-py", "_op_type": "create", "_id": str(i), "@timestamp": "2024-01-01T00:00:00Z", "message": "hi %d" % i} for i in range(20)], refresh=True)
try:
    h.bulk(es, [{"_index": "logs-py", "_op_type": "create", "_id": "0", "@timestamp": "2024-01-01T00:00:00Z"}])
    dup = None
except h.BulkIndexError as err:
    dup = err.errors[0]["create"]["error"]["type"]
res = es.search(index="logs-py", body={"query": {"match": {"message": "hi"}}, "size": 3, "sort": [{"@timestamp": "asc"}]})
try:
    es.get(index="nope", id="1")
    missing = None
except e.NotFoundError as err:
    missing = err.error
print(json.dumps({"version": info["version"]["number"], "ok": ok, "errors": errors, "dup": dup, "total": res["hits"]["total"]["value"], "hits": len(res["hits"]["hits"]), "missing": missing}))
`;

describe.skipIf(!available)(title, () => {
  it('passes the product check, bulk-creates with helpers.bulk, searches and gets typed errors', async () => {
    const { stdout } = await run(PYTHON, ['-c', SCRIPT, t.es.url], { timeout: 30_000 });
    const out = JSON.parse(stdout.trim().split('\n').pop() as string) as Record<string, unknown>;
    expect(out).toEqual({ version: expect.stringMatching(/^8\./), ok: 20, errors: [], dup: 'version_conflict_engine_exception', total: 20, hits: 3, missing: 'index_not_found_exception' });
  });
});
