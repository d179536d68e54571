/**
 * Test support: the official client over a scripted HTTP layer (a custom `Connection`, as
 * elasticsearch-js's own MockConnection), so unit tests see exactly what the client sends and
 * control exactly what it receives — status codes, bodies, or transport errors.
 */
import {
  BaseConnection,
  Client,
  type ConnectionRequestOptions,
  type ConnectionRequestOptionsAsStream,
  type ConnectionRequestParams,
  type ConnectionRequestResponse,
  type ConnectionRequestResponseAsStream,
} from '@elastic/elasticsearch';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly querystring: string;
  readonly headers: Record<string, unknown>;
  readonly body: string;
}

/** An HTTP answer, or an error the connection throws (e.g. `new errors.ConnectionError(...)`). */
export type Reply = { readonly status: number; readonly body?: unknown } | Error;

export interface MockClient {
  readonly client: Client;
  readonly requests: RecordedRequest[];
}

/** A client whose every request is answered by `reply(request, index)`. */
export function mockClient(reply: (req: RecordedRequest, n: number) => Reply | Promise<Reply>): MockClient {
  const requests: RecordedRequest[] = [];
  class ScriptedConnection extends BaseConnection {
    override request(params: ConnectionRequestParams, options: ConnectionRequestOptions): Promise<ConnectionRequestResponse>;
    override request(params: ConnectionRequestParams, options: ConnectionRequestOptionsAsStream): Promise<ConnectionRequestResponseAsStream>;
    override async request(params: ConnectionRequestParams, _options: ConnectionRequestOptions | ConnectionRequestOptionsAsStream): Promise<ConnectionRequestResponse | ConnectionRequestResponseAsStream> {
      const body = params.body === undefined || params.body === null ? '' : typeof params.body === 'string' ? params.body : Buffer.isBuffer(params.body) ? params.body.toString('utf8') : '[stream]';
      const req: RecordedRequest = { method: params.method, path: params.path, querystring: params.querystring ?? '', headers: { ...params.headers }, body };
      requests.push(req);
      const r = await reply(req, requests.length - 1);
      if (r instanceof Error) throw r;
      const text = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      return {
        statusCode: r.status,
        headers: { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' },
        body: text,
      };
    }
  }
  const client = new Client({ node: 'http://127.0.0.1:9200', Connection: ScriptedConnection, maxRetries: 0 });
  return { client, requests };
}

/** A 200 bulk response with one `create` item per status (and error for failures). */
export function bulkReply(items: readonly ({ status: number; type?: string; reason?: string })[]): Reply {
  return {
    status: 200,
    body: {
      errors: items.some((i) => i.status >= 300),
      items: items.map((i) => ({ create: i.status >= 300 ? { status: i.status, error: { type: i.type ?? 'x_exception', reason: i.reason ?? 'refused' } } : { status: i.status } })),
    },
  };
}

/** An Elasticsearch error response for the whole request. */
export function errorReply(status: number, type: string, reason = type): Reply {
  return { status, body: { error: { root_cause: [{ type, reason }], type, reason }, status } };
}

/** The documents (every second line) of a recorded bulk body. */
export function bulkDocs(req: RecordedRequest): string[] {
  return req.body.split('\n').filter((_, i) => i % 2 === 1);
}

/** The action lines of a recorded bulk body, parsed. */
export function bulkActions(req: RecordedRequest): { create: { _index: string; _id: string; pipeline?: string } }[] {
  return req.body.split('\n').filter((l, i) => i % 2 === 0 && l !== '').map((l) => JSON.parse(l) as { create: { _index: string; _id: string; pipeline?: string } });
}
