import type { Client } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';
import type { RetentionConfig } from '../../config';
import { StoreError } from '../store-error';
import { toStoreError } from '../to-store-error';
import { planTemplates } from './plan-templates';

export interface EnsureTemplatesOptions {
  /** `module` of the configuration (`elproxysigned`). */
  readonly module: string;
  readonly retention: RetentionConfig;
}

export type TemplateKind = 'ilm_policy' | 'component_template' | 'index_template';

export interface TemplateRef {
  readonly kind: TemplateKind;
  readonly name: string;
}

export interface EnsureTemplatesResult {
  /** What did not exist and was created now. */
  readonly created: readonly TemplateRef[];
  /** What already existed and was left as it is. */
  readonly kept: readonly TemplateRef[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStatus(err: unknown, status: number): boolean {
  return err instanceof errors.ResponseError && err.statusCode === status;
}

/** `create=true` lost a race against another instance: the template exists now, which is the goal. */
function alreadyExists(err: unknown): boolean {
  return isStatus(err, 400) && /already exists/.test(JSON.stringify((err as errors.ResponseError).body ?? ''));
}

/**
 * Installs the ILM policies and index templates Signet's data streams need (see
 * `planTemplates` and README), creating only what is missing: anything that exists — Signet's
 * from an earlier start, or tuned by an operator — is left untouched, so running it again
 * changes nothing. Templates are created with `create=true`, so a concurrent instance's
 * template is never overwritten. Each new index template takes the first priority of its range
 * that no existing index template uses (Elasticsearch refuses equal priorities on overlapping
 * patterns).
 *
 * @param client the client from `createEsClient`.
 * @param options the configured `module` and retentions.
 * @returns what was created now and what was kept as it was.
 * @throws StoreError `ERR_STORE_UNAVAILABLE` (unreachable, 429/5xx), `ERR_STORE_REJECTED`
 *   (e.g. missing manage_ilm / manage_index_templates privilege), `ERR_STORE_CONFIG` when a
 *   priority range is full.
 * @throws {RangeError} when the module or a retention name is invalid.
 * @example await ensureTemplates(client, { module: config.module, retention: config.retention });
 */
export async function ensureTemplates(client: Client, options: EnsureTemplatesOptions): Promise<EnsureTemplatesResult> {
  const plan = planTemplates(options.module, options.retention);
  const created: TemplateRef[] = [];
  const kept: TemplateRef[] = [];

  const policies = await call('reading ILM policies', () => client.ilm.getLifecycle(), {});
  for (const p of plan.ilmPolicies) {
    const ref: TemplateRef = { kind: 'ilm_policy', name: p.name };
    if (isRecord(policies) && Object.prototype.hasOwnProperty.call(policies, p.name)) {
      kept.push(ref);
      continue;
    }
    await call(`creating ILM policy ${p.name}`, () => put(client, `/_ilm/policy/${encodeURIComponent(p.name)}`, { policy: p.body }, false), null);
    created.push(ref);
  }

  const components = await call('reading component templates', () => client.cluster.getComponentTemplate({ name: 'el-proxy-*' }), { component_templates: [] });
  const componentNames = new Set(components.component_templates.map((t) => t.name));
  for (const c of plan.componentTemplates) {
    const ref: TemplateRef = { kind: 'component_template', name: c.name };
    if (componentNames.has(c.name)) {
      kept.push(ref);
      continue;
    }
    const isNew = await create(`creating component template ${c.name}`, () => put(client, `/_component_template/${encodeURIComponent(c.name)}`, c.body, true));
    (isNew ? created : kept).push(ref);
  }

  const indexTemplates = await call('reading index templates', () => client.indices.getIndexTemplate(), { index_templates: [] });
  const existing = new Set(indexTemplates.index_templates.map((t) => t.name));
  const usedPriorities = new Set(indexTemplates.index_templates.map((t) => Number(t.index_template.priority ?? 0)));
  for (const t of plan.indexTemplates) {
    const ref: TemplateRef = { kind: 'index_template', name: t.name };
    if (existing.has(t.name)) {
      kept.push(ref);
      continue;
    }
    let priority = t.priorities.min;
    while (usedPriorities.has(priority) && priority <= t.priorities.max) priority++;
    if (priority > t.priorities.max) {
      throw new StoreError('ERR_STORE_CONFIG', `no free index template priority in ${t.priorities.min}–${t.priorities.max} for ${t.name}: every one is taken by another index template`);
    }
    const isNew = await create(`creating index template ${t.name}`, () => put(client, `/_index_template/${encodeURIComponent(t.name)}`, { ...t.body, priority }, true));
    usedPriorities.add(priority);
    (isNew ? created : kept).push(ref);
  }
  return { created, kept };
}

/** `PUT path` with a JSON body (`create=true` refuses to replace an existing template). */
function put(client: Client, path: string, body: Record<string, unknown>, createOnly: boolean): Promise<unknown> {
  return client.transport.request({ method: 'PUT', path, body, ...(createOnly ? { querystring: { create: 'true' } } : {}) });
}

/** Runs a request; a 404 yields `onMissing` (nothing of that kind exists yet). */
async function call<T, M>(what: string, request: () => Promise<T>, onMissing: M): Promise<T | M> {
  try {
    return await request();
  } catch (err) {
    if (isStatus(err, 404)) return onMissing;
    throw toStoreError(err, what);
  }
}

/** Runs a `create=true` request; false when another writer created the same name first. */
async function create(what: string, request: () => Promise<unknown>): Promise<boolean> {
  try {
    await request();
    return true;
  } catch (err) {
    if (alreadyExists(err)) return false;
    throw toStoreError(err, what);
  }
}
