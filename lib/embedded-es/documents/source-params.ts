/** `_source`, `_source_includes` and `_source_excludes` from the query string or a body value. */
import type { EsRequest } from '../http/es-request';
import { parseSourceSpec, SourceFilter, type SourceSpec } from '../json/filter-source';
import { RawJson } from '../json/json-node';

/** The source spec of a request (query parameters win over `bodyValue`). */
export function sourceSpec(req: EsRequest, bodyValue?: unknown): SourceSpec {
  let spec: SourceSpec = parseSourceSpec(bodyValue);
  const src = req.str('_source');
  if (src !== undefined) {
    if (src === 'false') spec = false;
    else if (src === 'true' || src === '') spec = { includes: [], excludes: [] };
    else spec = { includes: src.split(',').map((s) => s.trim()), excludes: [] };
  }
  const inc = req.list('_source_includes') ?? req.list('_source_include');
  const exc = req.list('_source_excludes') ?? req.list('_source_exclude');
  if (inc || exc) {
    const base = spec === false ? { includes: [], excludes: [] } : spec;
    spec = { includes: inc ?? base.includes, excludes: exc ?? base.excludes };
  }
  return spec;
}

/** Compiles a spec; undefined means "no `_source` in the response". */
export function compileSource(spec: SourceSpec): SourceFilter | undefined {
  return spec === false ? undefined : new SourceFilter(spec.includes, spec.excludes);
}

/** The `_source` value for a response (the stored bytes themselves when nothing is filtered). */
export function renderSource(filter: SourceFilter, source: Buffer): RawJson {
  return new RawJson(filter.isNoop ? source : filter.apply(source.toString('utf8')));
}
