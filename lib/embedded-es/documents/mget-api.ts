/** `_mget`: several documents by index and id, each found, missing, or failed on its own. */
import { EmbeddedEsError } from '../errors/embedded-es-error';
import { parsingException, validationFailed } from '../errors/es-errors';
import type { EsRequest, EsResponse } from '../http/es-request';
import type { ServerContext } from '../http/server-context';
import { parseSourceSpec } from '../json/filter-source';
import { readTarget } from './document-api';
import { compileSource, renderSource, sourceSpec } from './source-params';

export function mgetHandler(req: EsRequest, ctx: ServerContext): EsResponse {
  const body = req.jsonObject(true);
  const pathIndex = req.params.index;
  let specs: Record<string, unknown>[];
  if (Array.isArray(body.docs)) specs = body.docs as Record<string, unknown>[];
  else if (Array.isArray(body.ids)) specs = body.ids.map((id) => ({ _id: id }));
  else throw validationFailed(['no documents to get']);
  if (specs.some((d) => d === null || typeof d !== 'object' || Array.isArray(d))) {
    throw parsingException('docs array element should include an object');
  }
  const problems: string[] = [];
  specs.forEach((d, i) => {
    if ((d._index ?? pathIndex) === undefined) problems.push(`index is missing for doc ${i}`);
    if (d._id === undefined || d._id === null) problems.push(`id is missing for doc ${i}`);
  });
  if (problems.length > 0) throw validationFailed(problems);
  const defaultSpec = sourceSpec(req);
  const docs = specs.map((d) => {
    const index = String(d._index ?? pathIndex);
    const id = String(d._id);
    try {
      const state = readTarget(ctx.store, index);
      const rec = state.data.get(id);
      if (!rec) return { _index: state.meta.name, _id: id, found: false };
      const out: Record<string, unknown> = { _index: state.meta.name, _id: id, _version: rec.version, _seq_no: rec.seqNo, _primary_term: rec.primaryTerm };
      if (rec.routing !== undefined) out._routing = rec.routing;
      out.found = true;
      const filter = compileSource(d._source !== undefined ? parseSourceSpec(d._source) : defaultSpec);
      if (filter) out._source = renderSource(filter, rec.source);
      return out;
    } catch (err) {
      if (!(err instanceof EmbeddedEsError)) throw err;
      return { _index: index, _id: id, error: (err.toBody() as { error: unknown }).error };
    }
  });
  return { status: 200, body: { docs } };
}
