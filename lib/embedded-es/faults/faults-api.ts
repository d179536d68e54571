/**
 * `/_signet/faults`: add (`POST`), list (`GET`) and clear (`DELETE`) fault rules over HTTP.
 * Registered only when fault injection is enabled; otherwise the path is an unknown endpoint.
 */
import { acknowledged, type EsRequest, type EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';

export function addFaultHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const id = ctx.faults.add(req.jsonObject(true) as Parameters<typeof ctx.faults.add>[0]);
  return acknowledged({ id });
}

export function listFaultsHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  return { status: 200, body: { faults: ctx.faults.list() } };
}

export function clearFaultsHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  ctx.faults.clear();
  return acknowledged();
}
