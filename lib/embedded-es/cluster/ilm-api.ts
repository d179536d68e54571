/**
 * Index lifecycle management: policies are stored, versioned and returned; nothing is executed
 * (the embedded store never rolls over or deletes on its own). Explain reports indices whose
 * `index.lifecycle.name` names a policy as managed and in the `new` phase.
 */
import { esError } from '../errors/embedded-es-error';
import { illegalArgument, resourceNotFound } from '../errors/es-errors';
import { globMatch } from '../json/glob';
import { acknowledged, type EsRequest, type EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import type { Json } from '../state/metadata';
import { resolveIndices } from '../state/resolve-indices';

const PHASES = new Set(['hot', 'warm', 'cold', 'frozen', 'delete']);

function usage(ctx: ServerContext, name: string): Json {
  const indices: string[] = [];
  for (const [n, s] of ctx.store.indices) if (s.meta.settings['index.lifecycle.name'] === name) indices.push(n);
  const templates: string[] = [];
  for (const [n, t] of ctx.store.templates.index) {
    const settings = ((t.template as Json | undefined)?.settings ?? {}) as Record<string, string>;
    if (settings['index.lifecycle.name'] === name) templates.push(n);
  }
  const streams = [...ctx.store.dataStreams.values()].filter((d) => templates.includes(d.template)).map((d) => d.name);
  return { indices, data_streams: streams, composable_templates: templates };
}

export function putPolicyHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const name = req.param('name');
  const body = req.jsonObject(true);
  const policy = body.policy as Json | undefined;
  if (!policy || typeof policy !== 'object') throw esError({ status: 400, type: 'x_content_parse_exception', reason: '[1:1] [put_lifecycle_request] policy is missing' });
  for (const phase of Object.keys((policy.phases ?? {}) as Json)) {
    if (!PHASES.has(phase)) throw illegalArgument(`Lifecycle does not support phase [${phase}]`);
  }
  const prev = ctx.store.ilm.get(name);
  ctx.store.apply({ o: 'ilm', name, policy: { version: (prev?.version ?? 0) + 1, modifiedDate: Date.now(), policy } });
  return acknowledged();
}

export function getPolicyHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const pattern = req.params.name;
  const names = [...ctx.store.ilm.keys()].filter((n) => pattern === undefined || pattern.split(',').some((p) => p === '_all' || globMatch(p, n)));
  if (pattern !== undefined && names.length === 0) throw resourceNotFound(`Lifecycle policy not found: [${pattern}]`);
  const out: Json = {};
  for (const n of names) {
    const p = ctx.store.ilm.get(n);
    if (p) out[n] = { version: p.version, modified_date: new Date(p.modifiedDate).toISOString(), policy: p.policy, in_use_by: usage(ctx, n) };
  }
  return { status: 200, body: out };
}

export function deletePolicyHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const name = req.param('name');
  if (!ctx.store.ilm.has(name)) throw resourceNotFound(`Lifecycle policy not found: ${name}`);
  const inUse = usage(ctx, name).indices as string[];
  if (inUse.length > 0) throw illegalArgument(`Cannot delete policy [${name}]. It is in use by one or more indices: [${inUse.join(', ')}]`);
  ctx.store.apply({ o: 'ilm', name, policy: null });
  return acknowledged();
}

export function explainHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.param('index'), { expandWildcards: req.str('expand_wildcards') ?? 'open' });
  const indices: Json = {};
  for (const n of names) {
    const s = ctx.store.indices.get(n);
    if (!s) continue;
    const policy = s.meta.settings['index.lifecycle.name'];
    if (!policy) {
      if (!req.bool('only_managed')) indices[n] = { index: n, managed: false };
      continue;
    }
    const created = s.meta.creationDate;
    indices[n] = {
      index: n, managed: true, policy, index_creation_date_millis: created, lifecycle_date_millis: created,
      phase: 'new', phase_time_millis: created, action: 'complete', action_time_millis: created, step: 'complete', step_time_millis: created,
    };
  }
  return { status: 200, body: { indices } };
}

export function removePolicyHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const names = resolveIndices(ctx.store, req.param('index'), {});
  for (const n of names) {
    const s = ctx.store.indices.get(n);
    if (!s || s.meta.settings['index.lifecycle.name'] === undefined) continue;
    const settings = { ...s.meta.settings };
    delete settings['index.lifecycle.name'];
    ctx.store.setIndex({ ...s.meta, settings });
  }
  return { status: 200, body: { has_failures: false, failed_indexes: [] } };
}

export function ilmStatusHandler(_req: EsRequest, ctx: ServerContext): EsResponse {
  return { status: 200, body: { operation_mode: ctx.store.cluster.ilmMode ?? 'RUNNING' } };
}

export function ilmModeHandler(mode: 'RUNNING' | 'STOPPED') {
  return (_req: EsRequest, ctx: ServerContext): EsResponse => {
    ctx.store.apply({ o: 'cluster', meta: { ...ctx.store.cluster, ilmMode: mode } });
    return acknowledged();
  };
}
