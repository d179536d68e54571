// A tiny fake Elasticsearch for the runner's own tests: node:http on 127.0.0.1 with an ephemeral
// port, the product header the official client insists on, a minimal in-memory index/document
// store, and a per-test `route` hook that answers (or hangs) before the defaults apply.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeResponse {
  readonly status?: number;
  readonly body?: unknown;
  /** Sent verbatim instead of JSON (e.g. text/plain). */
  readonly text?: string;
  readonly headers?: Record<string, string>;
  /** Never answer: exercises the runner's timeouts. */
  readonly hang?: boolean;
}

export type Route = (req: FakeRequest) => FakeResponse | undefined;

export interface FakeEs {
  readonly url: string;
  readonly requests: FakeRequest[];
  readonly indices: Map<string, Map<string, { version: number; source: unknown }>>;
  readonly indexTemplates: Map<string, unknown>;
  route: Route | undefined;
  close(): Promise<void>;
}

function esError(status: number, type: string, reason: string): FakeResponse {
  return { status, body: { error: { root_cause: [{ type, reason }], type, reason }, status } };
}

function defaults(fake: FakeEs, req: FakeRequest): FakeResponse {
  const parts = req.path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const [first, second, third] = parts;
  if (parts.length === 0) {
    if (req.method === 'HEAD') return { status: 200 };
    return { body: { name: 'fake', cluster_name: 'fake-cluster', version: { number: '8.19.2' }, tagline: 'You Know, for Search' } };
  }
  if (first === '_index_template') {
    if (req.method === 'GET') return { body: { index_templates: [...fake.indexTemplates].map(([name, t]) => ({ name, index_template: t })) } };
    if (req.method === 'DELETE' && second) {
      return fake.indexTemplates.delete(second) ? { body: { acknowledged: true } } : esError(404, 'resource_not_found_exception', `index template matching [${second}] not found`);
    }
  }
  if (first === '*' && req.method === 'GET') {
    return { body: Object.fromEntries([...fake.indices.keys()].map((name) => [name, { aliases: {}, mappings: {}, settings: {} }])) };
  }
  if (first === undefined || first.startsWith('_')) return esError(404, 'fake_unknown_route', `no route ${req.method} ${req.path}`);
  const names = first.split(',');
  if (parts.length === 1) {
    if (req.method === 'PUT') {
      if (fake.indices.has(first)) return esError(400, 'resource_already_exists_exception', `index [${first}] already exists`);
      fake.indices.set(first, new Map());
      return { body: { acknowledged: true, shards_acknowledged: true, index: first } };
    }
    if (req.method === 'HEAD') return { status: fake.indices.has(first) ? 200 : 404 };
    if (req.method === 'DELETE') {
      const missing = names.find((name) => !fake.indices.has(name));
      if (missing) return esError(404, 'index_not_found_exception', `no such index [${missing}]`);
      for (const name of names) fake.indices.delete(name);
      return { body: { acknowledged: true } };
    }
  }
  if (second === '_doc') {
    const docs = fake.indices.get(first);
    if (req.method === 'GET') {
      const doc = docs?.get(third ?? '');
      if (!doc) return { status: 404, body: { _index: first, _id: third, found: false } };
      return { body: { _index: first, _id: third, _version: doc.version, found: true, _source: doc.source } };
    }
    if (req.method === 'PUT' || req.method === 'POST') {
      const store = docs ?? new Map();
      fake.indices.set(first, store);
      const id = third ?? `gen-${store.size + 1}-${Math.random().toString(36).slice(2, 8)}`;
      const version = (store.get(id)?.version ?? 0) + 1;
      store.set(id, { version, source: JSON.parse(req.body || '{}') });
      return { status: version === 1 ? 201 : 200, body: { _index: first, _id: id, _version: version, result: version === 1 ? 'created' : 'updated' } };
    }
  }
  return esError(404, 'fake_unknown_route', `no route ${req.method} ${req.path}`);
}

/** Starts the fake on 127.0.0.1:0. Always `close()` it (also destroys hanging connections). */
export async function startFakeEs(): Promise<FakeEs> {
  const requests: FakeRequest[] = [];
  const server = http.createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const req: FakeRequest = {
        method: incoming.method ?? 'GET', path: url.pathname, query: url.searchParams,
        headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(req);
      const answer = fake.route?.(req) ?? defaults(fake, req);
      if (answer.hang) return;
      const status = answer.status ?? 200;
      const payload = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
      res.writeHead(status, {
        'X-Elastic-Product': 'Elasticsearch',
        'content-type': answer.text !== undefined ? 'text/plain; charset=UTF-8' : 'application/json',
        ...answer.headers,
      });
      res.end(req.method === 'HEAD' ? undefined : payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeEs = {
    url: `http://127.0.0.1:${port}`,
    requests,
    indices: new Map(),
    indexTemplates: new Map(),
    route: undefined,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return fake;
}
