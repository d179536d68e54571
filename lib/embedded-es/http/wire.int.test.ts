import { errors } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync, ndjson, rejection, startTestStore, type TestStore } from '../__fixtures__/test-store';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore({ maxContentLength: 64 * 1024 });
});
afterAll(async () => {
  await t.close();
});

describe('Elasticsearch 8 wire behaviour', () => {
  it('answers GET / with an 8.x identity and the product header (the client product check passes)', async () => {
    const info = await t.client.info();
    expect(info.version.number).toMatch(/^8\./);
    expect(info.version.build_flavor).toBe('default');
    expect(info.tagline).toBe('You Know, for Search');
    const head = await t.raw('HEAD', '/');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('x-elastic-product')).toBe('Elasticsearch');
  });

  it('puts X-Elastic-Product on errors too', async () => {
    const res = await t.raw('GET', '/missing-index/_doc/1');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(res.json).toEqual({
      error: {
        root_cause: [{ type: 'index_not_found_exception', reason: 'no such index [missing-index]', 'resource.type': 'index_or_alias', 'resource.id': 'missing-index', index_uuid: '_na_', index: 'missing-index' }],
        type: 'index_not_found_exception',
        reason: 'no such index [missing-index]',
        'resource.type': 'index_or_alias',
        'resource.id': 'missing-index',
        index_uuid: '_na_',
        index: 'missing-index',
      },
      status: 404,
    });
  });

  it('surfaces errors to the official client as ResponseError with the Elasticsearch type', async () => {
    await t.client.indices.create({ index: 'dup' });
    const err = await t.client.indices.create({ index: 'dup' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(errors.ResponseError);
    const re = err as errors.ResponseError;
    expect(re.statusCode).toBe(400);
    expect(re.body).toMatchObject({ error: { type: 'resource_already_exists_exception', reason: expect.stringMatching(/^index \[dup\/[\w-]{22}\] already exists$/) } });
    const bad = await rejection(t.client.indices.create({ index: 'Upper' }));
    expect(bad.body).toMatchObject({ error: { type: 'invalid_index_name_exception', reason: 'Invalid index name [Upper], must be lowercase' } });
  });

  it('accepts the vendor media types, compatible-with 7, 8 and 9, and rejects others', async () => {
    for (const v of [7, 8, 9]) {
      const res = await t.raw('GET', '/', undefined, { accept: `application/vnd.elasticsearch+json; compatible-with=${v}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`application/vnd.elasticsearch+json;compatible-with=${v}`);
    }
    const bulk = await t.raw('POST', '/_bulk', ndjson([{ index: { _index: 'media', _id: '1' } }, { a: 1 }]), {
      'content-type': 'application/vnd.elasticsearch+x-ndjson; compatible-with=8',
      accept: 'application/vnd.elasticsearch+json; compatible-with=8',
    });
    expect(bulk.status).toBe(200);
    const bad = await t.raw('GET', '/', undefined, { accept: 'application/vnd.elasticsearch+json; compatible-with=6' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { type: 'media_type_header_exception' } });
    const form = await t.raw('POST', '/media/_doc', '{"a":1}', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(406);
    expect(form.json).toEqual({ error: 'Content-Type header [application/x-www-form-urlencoded] is not supported', status: 406 });
  });

  it('answers unknown endpoints with 400 and wrong methods with 405, like Elasticsearch', async () => {
    const unknown = await t.raw('GET', '/a/b/c?x=1');
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ error: 'no handler found for uri [/a/b/c?x=1] and method [GET]' });
    const wrong = await t.raw('GET', '/logs/_bulk');
    expect(wrong.status).toBe(405);
    expect(wrong.json).toEqual({ error: 'Incorrect HTTP method for uri [/logs/_bulk] and method [GET], allowed: [PUT, POST]', status: 405 });
    expect(wrong.headers.get('allow')).toBe('PUT,POST');
    // Like Elasticsearch, a literal path with other methods falls through to `/{index}` handlers.
    expect((await t.raw('DELETE', '/_bulk')).json).toMatchObject({ error: { type: 'index_not_found_exception' } });
    const param = await t.raw('GET', '/_cluster/health?bogus=1');
    expect(param.json).toMatchObject({ error: { type: 'illegal_argument_exception', reason: 'request [/_cluster/health] contains unrecognized parameter: [bogus]' } });
  });

  it('rejects malformed JSON and NDJSON with 400 bodies and keeps serving', async () => {
    const json = await t.raw('PUT', '/malformed', '{"settings": ');
    expect(json.status).toBe(400);
    expect(json.json).toMatchObject({ error: { type: 'x_content_parse_exception' }, status: 400 });
    const noNewline = await t.raw('POST', '/_bulk', '{"index":{"_index":"x"}}\n{"a":1}');
    expect(noNewline.json).toMatchObject({ error: { type: 'illegal_argument_exception', reason: 'The bulk request must be terminated by a newline [\\n]' } });
    const badAction = await t.raw('POST', '/_bulk', '{"index":{"_index":"x","_type":"events"}}\n{"a":1}\n');
    expect(badAction.json).toMatchObject({ error: { reason: 'Action/metadata line [1] contains an unknown parameter [_type]' } });
    const notJson = await t.raw('POST', '/_bulk', 'garbage\n{"a":1}\n');
    expect(notJson.status).toBe(400);
    const empty = await t.raw('POST', '/_bulk', '\n\n');
    expect(empty.json).toMatchObject({ error: { type: 'action_request_validation_exception', reason: 'Validation Failed: 1: no requests added;' } });
    expect((await t.client.ping())).toBe(true);
  });

  it('skips empty lines in bulk bodies (rsyslog) and accepts gzip bodies', async () => {
    const body = ndjson([{ create: { _index: 'rsyslog', _id: 'u1' } }, { message: 'a' }, '', { create: { _index: 'rsyslog', _id: 'u2' } }, { message: 'b' }]) + '\n';
    const res = await t.raw('POST', '/_bulk', body, { 'content-type': 'application/json; charset=utf-8' });
    expect(res.json).toMatchObject({ errors: false, items: [{ create: { _id: 'u1', status: 201 } }, { create: { _id: 'u2', status: 201 } }] });
    const gz = await t.raw('POST', '/_bulk', gzipSync(ndjson([{ create: { _index: 'rsyslog', _id: 'u3' } }, { message: 'c' }])), {
      'content-type': 'application/x-ndjson', 'content-encoding': 'gzip',
    });
    expect(gz.json).toMatchObject({ errors: false });
    expect((await t.client.count({ index: 'rsyslog' })).count).toBe(3);
  });

  it('answers 413 to bodies over http.max_content_length, even when gzip hides the size', async () => {
    const big = 'x'.repeat(70 * 1024);
    const res = await t.raw('POST', '/_bulk', big);
    expect(res.status).toBe(413);
    expect(res.headers.get('x-elastic-product')).toBe('Elasticsearch');
    const bomb = await t.raw('POST', '/_bulk', gzipSync(Buffer.alloc(200 * 1024, 0x20)), { 'content-encoding': 'gzip' });
    expect(bomb.status).toBe(413);
    expect((await t.client.ping())).toBe(true);
  });

  it('applies filter_path (with wildcards and exclusions) but never to error bodies', async () => {
    const res = await t.raw('POST', '/_bulk?filter_path=errors,items.*.error,items.*.status', ndjson([
      { create: { _index: 'fp', _id: '1' } }, { a: 1 }, { create: { _index: 'fp', _id: '1' } }, { a: 1 },
    ]));
    expect(res.json).toEqual({
      errors: true,
      items: [
        { create: { status: 201 } },
        { create: { status: 409, error: expect.objectContaining({ type: 'version_conflict_engine_exception' }) } },
      ],
    });
    const excl = await t.raw('GET', '/?filter_path=-version,-cluster_uuid');
    expect(Object.keys(excl.json as object).sort()).toEqual(['cluster_name', 'name', 'tagline']);
    const err = await t.raw('GET', '/nope/_search?filter_path=hits');
    expect(err.json).toMatchObject({ error: { type: 'index_not_found_exception' } });
  });

  it('pretty-prints like Elasticsearch and accepts human and error_trace', async () => {
    const res = await t.raw('GET', '/_cluster/health?pretty&human&error_trace=true');
    expect(res.text).toMatch(/^\{\n {2}"cluster_name" : "/);
    expect(res.text.endsWith('}\n')).toBe(true);
  });

  it('serves health, _cat/health, _license and the runner-facing list APIs', async () => {
    expect((await t.client.cluster.health()).status).toBe('green');
    const cat = await t.raw('GET', '/_cat/health?format=json');
    expect(cat.json).toEqual([expect.objectContaining({ status: 'green', epoch: expect.stringMatching(/^\d+$/) })]);
    const text = await t.raw('GET', '/_cat/health?v');
    expect(text.text.split('\n')[0]).toMatch(/^epoch +timestamp +cluster +status/);
    expect((await t.client.license.get()).license.type).toBe('basic');
    const pipelines = await t.raw('GET', '/_ingest/pipeline');
    expect(pipelines.status).toBe(404);
    expect(pipelines.json).toEqual({});
  });
});
