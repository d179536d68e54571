/**
 * One HTTP exchange: body limits and decoding, fault injection, content negotiation, routing,
 * running the handler, committing its ops to the log, and writing an Elasticsearch-shaped answer
 * (`X-Elastic-Product` on every response, `filter_path`, `pretty`). Nothing a client sends may
 * crash the process: every failure becomes an Elasticsearch error body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedEsError, esError } from '../errors/embedded-es-error';
import { bulkItemFaults } from '../faults/bulk-item-faults';
import { defaultErrorType, type FaultRule } from '../faults/fault-controller';
import { serializeJson } from '../json/json-writer';
import { stringifyJson } from '../json/stringify-json';
import { EsRequest, type EsResponse } from './es-request';
import { applyFilterPath } from './filter-path';
import { KNOWN_PARAMS } from './known-params';
import { negotiate } from './media-type';
import { readBody } from './read-body';
import type { Router } from './router';
import type { ServerContext } from './server-context';
import type { EmbeddedEsLogger } from '../types';

export interface HandleOptions {
  router: Router;
  ctx: ServerContext;
  maxContentLength: number;
  logger?: EmbeddedEsLogger | undefined;
}

function send(res: ServerResponse, method: string, status: number, payload: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  res.writeHead(status, {
    'X-elastic-product': 'Elasticsearch',
    'content-type': type,
    'content-length': String(method === 'HEAD' ? 0 : body.length),
    ...extra,
  });
  if (method === 'HEAD') res.end();
  else res.end(body);
}

function errorResponse(err: unknown, logger?: EmbeddedEsLogger): EsResponse {
  if (err instanceof EmbeddedEsError) return { status: err.status, body: err.toBody() };
  const e = err instanceof Error ? err : new Error(String(err));
  // Not an Elasticsearch error: a bug in the store. Answer like Elasticsearch does (500) and say so.
  logger?.error?.('unexpected error while handling a request', { error: e.stack ?? e.message });
  return { status: 500, body: esError({ status: 500, type: 'exception', reason: e.message }).toBody() };
}

function decodePath(pathname: string): string | undefined {
  try {
    const parts = pathname.split('/').map((p) => decodeURIComponent(p));
    let path = parts.join('/');
    while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    return path === '' ? '/' : path;
  } catch {
    return undefined;
  }
}

function injectedError(rule: FaultRule): EsResponse {
  const status = rule.status ?? 500;
  const type = rule.type ?? defaultErrorType(status);
  return { status, body: esError({ status, type, reason: rule.reason ?? `injected fault: ${type}` }).toBody() };
}

/** Handles one request end to end. */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, opts: HandleOptions): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const uri = req.url ?? '/';
  const qIndex = uri.indexOf('?');
  const rawPath = qIndex === -1 ? uri : uri.slice(0, qIndex);
  const query = new URLSearchParams(qIndex === -1 ? '' : uri.slice(qIndex + 1));
  const pretty = query.has('pretty') && query.get('pretty') !== 'false';

  const read = await readBody(req, opts.maxContentLength);
  if (read.kind === 'aborted') {
    req.socket.destroy();
    return;
  }
  if (read.kind === 'too_large') {
    // Elasticsearch answers 413 with an empty body and closes the connection.
    res.writeHead(413, { 'X-elastic-product': 'Elasticsearch', 'content-length': '0', connection: 'close' });
    res.end();
    req.socket.destroySoon();
    return;
  }
  const path = decodePath(rawPath);
  let rule: FaultRule | undefined;
  const faults = opts.ctx.faults;
  if (faults.enabled && path !== undefined && !path.startsWith('/_signet/')) rule = faults.take(method, path);
  if (rule?.action === 'delay') await sleep(rule.delay_ms ?? 0);
  if (rule?.action === 'drop' && !rule.apply) {
    req.socket.destroy();
    return;
  }

  let response: EsResponse;
  let type = 'application/json';
  let esReq: EsRequest | undefined;
  if (rule?.action === 'status') response = injectedError(rule);
  else if (read.kind === 'bad_encoding') {
    response = errorResponse(esError({ status: 400, type: 'illegal_argument_exception', reason: `failed to decode the request body: ${read.reason}` }));
  } else if (path === undefined) {
    response = errorResponse(esError({ status: 400, type: 'illegal_argument_exception', reason: `unable to decode uri [${uri}]` }));
  } else {
    const neg = negotiate(req.headers, read.body !== undefined);
    if (neg instanceof EmbeddedEsError) response = errorResponse(neg);
    else if ('error' in neg) response = { status: 406, body: { error: neg.error, status: 406 } };
    else {
      type = neg.responseType;
      esReq = new EsRequest(method, path, uri, query, req.headers, read.body, neg.compatVersion);
      if (rule?.action === 'bulk_items' && rule.items) bulkItemFaults.set(esReq, rule.items);
      response = dispatch(esReq, uri, opts);
    }
  }
  try {
    await opts.ctx.store.commit();
  } catch (err) {
    response = errorResponse(err);
  }
  if (rule?.action === 'drop') {
    req.socket.destroy();
    return;
  }
  if (response.text !== undefined) {
    send(res, method, response.status, response.text, 'text/plain; charset=UTF-8', response.headers);
    return;
  }
  let body = response.body;
  const filterPath = query.get('filter_path');
  // Like Elasticsearch's error builder, error bodies ignore filter_path.
  const isError = body !== null && typeof body === 'object' && 'error' in (body as object) && 'status' in (body as object);
  if (filterPath && body !== undefined && !isError) body = applyFilterPath(body, filterPath);
  const payload = body === undefined ? '' : pretty ? stringifyJson(body, true) : serializeJson(body);
  send(res, method, response.status, payload, type, response.headers);
}

function dispatch(req: EsRequest, uri: string, opts: HandleOptions): EsResponse {
  try {
    const match = opts.router.match(req.method, req.path);
    if (match.kind === 'none') {
      return { status: 400, body: { error: `no handler found for uri [${uri}] and method [${req.method}]` } };
    }
    if (match.kind === 'method') {
      return {
        status: 405,
        body: { error: `Incorrect HTTP method for uri [${uri}] and method [${req.method}], allowed: [${match.allowed.join(', ')}]`, status: 405 },
        headers: { Allow: match.allowed.join(',') },
      };
    }
    for (const key of req.query.keys()) {
      if (!KNOWN_PARAMS.has(key)) {
        throw esError({ status: 400, type: 'illegal_argument_exception', reason: `request [${req.path}] contains unrecognized parameter: [${key}]` });
      }
    }
    req.params = match.params;
    return match.handler(req, opts.ctx);
  } catch (err) {
    return errorResponse(err, opts.logger);
  }
}
