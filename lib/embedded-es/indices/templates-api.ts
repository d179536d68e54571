/**
 * Composable (`_index_template`), component (`_component_template`) and legacy (`_template`)
 * index templates: put with Elasticsearch's validation (missing component templates, equal
 * priorities with overlapping patterns, deleting templates still in use), get, exists, delete.
 */
import { esError } from '../errors/embedded-es-error';
import { illegalArgument, resourceNotFound, validationFailed } from '../errors/es-errors';
import { globMatch } from '../json/glob';
import { acknowledged, type EsRequest, type EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import type { Json, TemplateKind } from '../state/metadata';
import { normalizeMapping } from './mappings';
import { nestSettings, normalizeSettings, renderSettings } from './settings';

function isObj(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function patternsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [];
}

/** True when some index name could match both patterns. */
function overlap(a: string, b: string): boolean {
  if (globMatch(a, b) || globMatch(b, a)) return true;
  const pa = a.split('*')[0] as string;
  const pb = b.split('*')[0] as string;
  const sa = a.split('*').pop() as string;
  const sb = b.split('*').pop() as string;
  const prefixOk = pa.startsWith(pb) || pb.startsWith(pa);
  const suffixOk = sa.endsWith(sb) || sb.endsWith(sa);
  return a.includes('*') && b.includes('*') && prefixOk && suffixOk;
}

function normalizeLayer(t: unknown): Json | undefined {
  if (!isObj(t)) return undefined;
  const out: Json = {};
  if (t.settings !== undefined) out.settings = normalizeSettings(t.settings);
  if (t.mappings !== undefined) out.mappings = normalizeMapping(t.mappings);
  if (t.aliases !== undefined) out.aliases = t.aliases;
  for (const [k, v] of Object.entries(t)) if (!(k in out)) out[k] = v;
  return out;
}

function renderLayer(t: Json | undefined, flat: boolean): Json | undefined {
  if (!t) return undefined;
  const out: Json = { ...t };
  if (isObj(t.settings)) out.settings = renderSettings(t.settings as Record<string, string>, flat);
  return out;
}

function names(ctx: ServerContext, kind: TemplateKind, pattern: string | undefined): string[] {
  const all = [...ctx.store.templates[kind].keys()];
  if (pattern === undefined || pattern === '*' || pattern === '_all') return all;
  return all.filter((n) => pattern.split(',').some((p) => globMatch(p, n)));
}

export function putIndexTemplateHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const name = req.param('name');
  const body = req.jsonObject(true);
  const store = ctx.store;
  if (req.bool('create') && store.templates.index.has(name)) throw illegalArgument(`index template [${name}] already exists`);
  const patterns = patternsOf(body.index_patterns);
  if (patterns.length === 0) throw validationFailed(['index patterns are missing']);
  const composedOf = Array.isArray(body.composed_of) ? body.composed_of.map(String) : [];
  const missing = composedOf.filter((c) => !store.templates.component.has(c));
  const ignoreMissing = Array.isArray(body.ignore_missing_component_templates) ? body.ignore_missing_component_templates.map(String) : [];
  const reallyMissing = missing.filter((m) => !ignoreMissing.includes(m));
  if (reallyMissing.length > 0) {
    throw esError({
      status: 400,
      type: 'invalid_index_template_exception',
      reason: `index_template [${name}] invalid, cause [index template [${name}] specifies component templates [${reallyMissing.join(', ')}] that do not exist]`,
    });
  }
  const priority = Number(body.priority ?? 0);
  for (const [other, t] of store.templates.index) {
    if (other === name || Number(t.priority ?? 0) !== priority) continue;
    const theirs = patternsOf(t.index_patterns);
    if (patterns.some((p) => theirs.some((q) => overlap(p, q)))) {
      throw illegalArgument(`index template [${name}] has index patterns [${patterns.join(', ')}] matching patterns from existing templates [${other}] with patterns (${other} => [${theirs.join(', ')}]) that have the same priority [${priority}], multiple index templates may not match during index creation, please use a different priority`);
    }
  }
  const stored: Json = { ...body, index_patterns: patterns, composed_of: composedOf };
  const layer = normalizeLayer(body.template);
  if (layer) stored.template = layer;
  if (isObj(body.data_stream)) stored.data_stream = { hidden: false, allow_custom_routing: false, ...body.data_stream };
  store.apply({ o: 'tpl', kind: 'index', name, body: stored });
  return acknowledged();
}

export function getIndexTemplateHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const pattern = req.params.name;
  const list = names(ctx, 'index', pattern);
  if (pattern !== undefined && !pattern.includes('*') && list.length === 0) throw resourceNotFound(`index template matching [${pattern}] not found`);
  const flat = req.bool('flat_settings');
  const index_templates = list.map((n) => {
    const t = ctx.store.templates.index.get(n) as Json;
    const out: Json = { ...t };
    const layer = renderLayer(t.template as Json | undefined, flat);
    if (layer) out.template = layer;
    return { name: n, index_template: out };
  });
  return { status: 200, body: { index_templates } };
}

export function deleteIndexTemplateHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const pattern = req.param('name');
  const list = names(ctx, 'index', pattern);
  if (list.length === 0) throw resourceNotFound(`index_template [${pattern}] missing`);
  const inUse = [...ctx.store.dataStreams.values()].filter((ds) => list.includes(ds.template));
  if (inUse.length > 0) {
    throw illegalArgument(`unable to remove composable templates [${[...new Set(inUse.map((d) => d.template))].join(', ')}] as they are in use by a data streams [${inUse.map((d) => d.name).join(', ')}]`);
  }
  for (const n of list) ctx.store.apply({ o: 'tpl', kind: 'index', name: n, body: null });
  return acknowledged();
}

export function putComponentTemplateHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const name = req.param('name');
  const body = req.jsonObject(true);
  if (req.bool('create') && ctx.store.templates.component.has(name)) throw illegalArgument(`component template [${name}] already exists`);
  if (!isObj(body.template)) throw validationFailed(['template is missing']);
  ctx.store.apply({ o: 'tpl', kind: 'component', name, body: { ...body, template: normalizeLayer(body.template) } });
  return acknowledged();
}

export function getComponentTemplateHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const pattern = req.params.name;
  const list = names(ctx, 'component', pattern);
  if (pattern !== undefined && !pattern.includes('*') && list.length === 0) throw resourceNotFound(`component template matching [${pattern}] not found`);
  const flat = req.bool('flat_settings');
  const component_templates = list.map((n) => {
    const t = ctx.store.templates.component.get(n) as Json;
    return { name: n, component_template: { ...t, template: renderLayer(t.template as Json | undefined, flat) ?? {} } };
  });
  return { status: 200, body: { component_templates } };
}

export function deleteComponentTemplateHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const pattern = req.param('name');
  const list = names(ctx, 'component', pattern);
  if (list.length === 0) throw resourceNotFound(`component template matching [${pattern}] not found`);
  const users = [...ctx.store.templates.index].filter(([, t]) => Array.isArray(t.composed_of) && t.composed_of.some((c) => list.includes(String(c))));
  if (users.length > 0) {
    throw illegalArgument(`component templates [${list.join(', ')}] cannot be removed as they are still in use by index templates [${users.map(([n]) => n).join(', ')}]`);
  }
  for (const n of list) ctx.store.apply({ o: 'tpl', kind: 'component', name: n, body: null });
  return acknowledged();
}

export function putLegacyTemplateHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const name = req.param('name');
  const body = req.jsonObject(true);
  if (req.bool('create') && ctx.store.templates.legacy.has(name)) throw illegalArgument(`index_template [${name}] already exists`);
  const patterns = patternsOf(body.index_patterns ?? body.template);
  if (patterns.length === 0) throw validationFailed(['index patterns are missing']);
  const stored: Json = {
    order: Number(req.int('order') ?? body.order ?? 0),
    index_patterns: patterns,
    settings: normalizeSettings(body.settings ?? {}),
    mappings: normalizeMapping(body.mappings ?? {}),
    aliases: isObj(body.aliases) ? body.aliases : {},
  };
  if (body.version !== undefined) stored.version = body.version;
  ctx.store.apply({ o: 'tpl', kind: 'legacy', name, body: stored });
  return acknowledged();
}

export function getLegacyTemplateHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const pattern = req.params.name;
  const list = names(ctx, 'legacy', pattern);
  if (pattern !== undefined && list.length === 0) return { status: 404, body: {} };
  const flat = req.bool('flat_settings');
  const out: Json = {};
  for (const n of list) {
    const t = ctx.store.templates.legacy.get(n) as Json;
    const settings = t.settings as Record<string, string>;
    out[n] = { ...t, settings: flat ? settings : nestSettings(settings) };
  }
  return { status: 200, body: out };
}

export function deleteLegacyTemplateHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const pattern = req.param('name');
  const list = names(ctx, 'legacy', pattern);
  if (list.length === 0) throw esError({ status: 404, type: 'index_template_missing_exception', reason: `index_template [${pattern}] missing` });
  for (const n of list) ctx.store.apply({ o: 'tpl', kind: 'legacy', name: n, body: null });
  return acknowledged();
}

/** HEAD for the three template kinds. */
export function templateExists(kind: TemplateKind) {
  return (req: EsRequest, ctx: ServerContext): EsResponse => ({ status: names(ctx, kind, req.param('name')).length > 0 ? 200 : 404 });
}
