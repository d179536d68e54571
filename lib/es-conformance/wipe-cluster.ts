import type { Client } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';
import type { TrackedResources } from './run-context';

// Built-in resources a real Elasticsearch 8.x installs and protects. Recent versions flag them
// with `_meta.managed: true`; older 8.x releases did not, so their names are listed as well.
// Names starting with `.` are system or internal and are never touched.
const BUILTIN_INDEX_TEMPLATES = new Set([
  'logs', 'metrics', 'synthetics', 'ilm-history', 'ilm-history-7', 'slm-history', 'slm-history-7',
]);
const BUILTIN_COMPONENT_TEMPLATES = new Set([
  'logs-mappings', 'logs-settings', 'metrics-mappings', 'metrics-settings', 'synthetics-mappings',
  'synthetics-settings', 'data-streams-mappings',
]);
const BUILTIN_ILM_POLICIES = new Set([
  'logs', 'metrics', 'synthetics', '7-days-default', '30-days-default', '90-days-default', '180-days-default',
  '365-days-default', 'ilm-history-ilm-policy', 'slm-history-ilm-policy', 'watch-history-ilm-policy',
  'ml-size-based-ilm-policy',
]);
// ILM/SLM history streams are created by the cluster itself, not by tests.
const BUILTIN_DATA_STREAM = /^(ilm|slm)-history-/;

// Statuses meaning "this cluster has no such API or nothing to list": not worth a note.
const UNAVAILABLE = new Set([400, 404, 405, 410, 501]);
// Index names per DELETE, keeping the URL short.
const DELETE_CHUNK = 50;

type Meta = { _meta?: { managed?: unknown } } | undefined;

function isManaged(definition: Meta): boolean {
  return definition?._meta?.managed === true;
}

function statusOf(err: unknown): number | undefined {
  return err instanceof errors.ResponseError ? (err.meta.statusCode ?? undefined) : undefined;
}

/**
 * Deletes what tests leave behind so the next test starts clean (es-wire.md: "then the runner
 * deletes all indices and templates"): tracked point-in-times and scrolls, data streams, indices
 * (hidden ones too), index/component/legacy templates, ILM policies and ingest pipelines, and it
 * restarts ILM if a test stopped it. Aliases go with their indices. Built-in and system resources
 * are kept (see above). Every call tolerates 404; other problems are returned, never thrown.
 * @returns problems worth reporting (empty when everything went as expected).
 */
export async function wipeCluster(client: Client, tracked: TrackedResources, timing: { requestTimeoutMs: number }): Promise<string[]> {
  const problems: string[] = [];
  // Deletes ignore 404 (already gone). Listings do not: a 404 body must never be read as a list.
  const options = { requestTimeout: timing.requestTimeoutMs, maxRetries: 0, ignore: [404] };
  const listOptions = { requestTimeout: timing.requestTimeoutMs, maxRetries: 0 };

  // Once the cluster is unreachable, one note says so; the remaining calls are not attempted.
  let unreachable = false;
  async function attempt<T>(label: string, call: () => Promise<T>, mode: 'delete' | 'list' | 'quiet' = 'delete'): Promise<T | undefined> {
    if (unreachable) return undefined;
    try {
      return await call();
    } catch (err) {
      if (err instanceof errors.ConnectionError || err instanceof errors.TimeoutError) {
        unreachable = true;
        problems.push(`wipe stopped, cluster unreachable: ${err.message}`);
        return undefined;
      }
      const status = statusOf(err);
      const unavailable = mode === 'list' && status !== undefined && UNAVAILABLE.has(status);
      if (mode !== 'quiet' && !unavailable) problems.push(`wipe ${label}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  for (const id of tracked.pits) await attempt('close point in time', () => client.closePointInTime({ id }, options));
  if (tracked.scrolls.size > 0) {
    await attempt('clear scroll', () => client.clearScroll({ scroll_id: [...tracked.scrolls] }, options));
  }

  const streams = await attempt('list data streams', () => client.indices.getDataStream({ name: '*', expand_wildcards: 'all' }, listOptions), 'list');
  const streamNames = ((streams as { data_streams?: { name: string; system?: boolean }[] } | undefined)?.data_streams ?? [])
    .filter((stream) => typeof stream.name === 'string' && !stream.name.startsWith('.') && stream.system !== true && !BUILTIN_DATA_STREAM.test(stream.name))
    .map((stream) => stream.name);
  if (streamNames.length > 0) {
    await attempt('delete data streams', () => client.indices.deleteDataStream({ name: streamNames, expand_wildcards: 'all' }, options));
  }

  const indices = await attempt('list indices', () => client.indices.get({ index: '*', expand_wildcards: 'all' }, listOptions), 'list');
  const indexNames = Object.keys((indices as Record<string, unknown> | undefined) ?? {}).filter((name) => !name.startsWith('.'));
  for (let i = 0; i < indexNames.length; i += DELETE_CHUNK) {
    const chunk = indexNames.slice(i, i + DELETE_CHUNK);
    // One bad index must not keep the others: on failure, retry one by one and report those.
    const deleted = await attempt('delete indices', () => client.indices.delete({ index: chunk }, options), chunk.length > 1 ? 'quiet' : 'delete');
    if (deleted === undefined && chunk.length > 1) {
      for (const name of chunk) await attempt(`delete index ${name}`, () => client.indices.delete({ index: name }, options));
    }
  }

  const composable = await attempt('list index templates', () => client.indices.getIndexTemplate({}, listOptions), 'list');
  for (const entry of (composable as { index_templates?: { name: string; index_template?: Meta }[] } | undefined)?.index_templates ?? []) {
    if (entry.name.startsWith('.') || isManaged(entry.index_template) || BUILTIN_INDEX_TEMPLATES.has(entry.name)) continue;
    await attempt(`delete index template ${entry.name}`, () => client.indices.deleteIndexTemplate({ name: entry.name }, options));
  }

  const components = await attempt('list component templates', () => client.cluster.getComponentTemplate({}, listOptions), 'list');
  for (const entry of (components as { component_templates?: { name: string; component_template?: Meta }[] } | undefined)?.component_templates ?? []) {
    if (entry.name.startsWith('.') || isManaged(entry.component_template) || BUILTIN_COMPONENT_TEMPLATES.has(entry.name)) continue;
    await attempt(`delete component template ${entry.name}`, () => client.cluster.deleteComponentTemplate({ name: entry.name }, options));
  }

  const legacy = await attempt('list legacy templates', () => client.indices.getTemplate({}, listOptions), 'list');
  for (const name of Object.keys((legacy as Record<string, unknown> | undefined) ?? {})) {
    if (name.startsWith('.')) continue;
    await attempt(`delete legacy template ${name}`, () => client.indices.deleteTemplate({ name }, options));
  }

  const policies = await attempt('list ILM policies', () => client.ilm.getLifecycle({}, listOptions), 'list');
  for (const [name, entry] of Object.entries((policies as Record<string, { policy?: Meta }> | undefined) ?? {})) {
    if (name.startsWith('.') || isManaged(entry.policy) || BUILTIN_ILM_POLICIES.has(name)) continue;
    await attempt(`delete ILM policy ${name}`, () => client.ilm.deleteLifecycle({ name }, options));
  }

  const pipelines = await attempt('list ingest pipelines', () => client.ingest.getPipeline({}, listOptions), 'list');
  for (const [id, entry] of Object.entries((pipelines as Record<string, Meta> | undefined) ?? {})) {
    if (id.startsWith('.') || isManaged(entry) || id.includes('@')) continue;
    await attempt(`delete ingest pipeline ${id}`, () => client.ingest.deletePipeline({ id }, options));
  }

  // A test that stopped ILM (ilm.stop) would leave every later ILM test in the wrong mode.
  if ([...tracked.apis].some((api) => api.startsWith('ilm.'))) {
    const status = await attempt('ILM status', () => client.ilm.getStatus({}, listOptions), 'list');
    const mode = (status as { operation_mode?: string } | undefined)?.operation_mode;
    if (mode !== undefined && mode !== 'RUNNING') await attempt('restart ILM', () => client.ilm.start({}, options));
  }
  return problems;
}
