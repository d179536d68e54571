import { errors } from '@elastic/elasticsearch';
import { buildRequest } from './build-request';
import { checkCatch } from './check-catch';
import { checkWarnings } from './check-warnings';
import { renderValue } from './compare-values';
import { parseWarningHeader } from './parse-warning-header';
import { renameParams } from './rename-params';
import { resolveApi } from './resolve-api';
import type { RunContext, TestState } from './run-context';
import type { DoStep } from './types';

export interface DoOutcome {
  /** The response body assertions will see (the error body after a caught error). */
  readonly body: unknown;
  readonly failure?: { readonly message: string; readonly expected?: string; readonly actual?: string };
}

interface RawResult {
  statusCode?: number | null;
  body?: unknown;
  headers?: Record<string, string | string[] | undefined>;
  meta?: { request?: { params?: { method?: string; path?: string; querystring?: string } } };
}

/** `GET /idx/_doc/1?refresh=true`, for failure messages. */
function describeRequest(result: RawResult | undefined): string {
  const params = result?.meta?.request?.params;
  if (!params?.method) return '';
  return `${params.method} ${params.path ?? ''}${params.querystring ? `?${params.querystring}` : ''}`;
}

/** `type: reason` of an Elasticsearch error body, or a short rendering of any other body. */
function describeError(body: unknown): string {
  const error = (body as { error?: { type?: unknown; reason?: unknown } } | null)?.error;
  if (error && typeof error === 'object' && typeof error.type === 'string') {
    return `${error.type}: ${String(error.reason ?? '')}`;
  }
  return renderValue(body);
}

// PITs and scrolls live on in the cluster until closed; remember them for the wipe.
function track(step: DoStep, body: unknown, state: TestState): void {
  state.tracked.apis.add(step.api);
  if (typeof body !== 'object' || body === null) return;
  const record = body as Record<string, unknown>;
  if (step.api === 'open_point_in_time' && typeof record.id === 'string') state.tracked.pits.add(record.id);
  if (typeof record.pit_id === 'string') state.tracked.pits.add(record.pit_id);
  if (typeof record._scroll_id === 'string') state.tracked.scrolls.add(record._scroll_id);
}

/**
 * Runs one `do:` step through the official client and checks `catch:` and warnings.
 * Never throws for server or transport problems: they come back as `failure`.
 * @throws {StashLookupError} when a parameter names an unknown `$var`.
 */
export async function executeDo(step: DoStep, ctx: RunContext, state: TestState): Promise<DoOutcome> {
  const resolved = resolveApi(ctx.client, step.api);
  if (!resolved) {
    return { body: undefined, failure: { message: `API [${step.api}] is not known to @elastic/elasticsearch 8.x` } };
  }
  const params = renameParams(step.api, state.stash.substitute(step.params) as Record<string, unknown>);
  const headers = step.headers ? (state.stash.substitute(step.headers) as Record<string, unknown>) : undefined;
  const request = buildRequest(step.api, params, resolved.pathParams, headers, { requestTimeoutMs: ctx.requestTimeoutMs, signal: state.signal });

  let result: RawResult;
  let threw = false;
  try {
    result = (await resolved.call(request.params, request.options)) as RawResult;
  } catch (err) {
    if (!(err instanceof errors.ResponseError)) {
      // Transport problems (refused connection, timeout, abort, product check) are never the
      // error a `catch:` expects: the step fails with the client's own message.
      const name = err instanceof Error ? err.name : 'Error';
      return { body: undefined, failure: { message: `${step.api}: ${name}: ${err instanceof Error ? err.message : String(err)}` } };
    }
    result = err.meta as RawResult;
    threw = true;
  }
  const status = result.statusCode ?? 0;
  const body = result.body;
  state.stash.set('body', body);
  const where = describeRequest(result);

  if (step.catch !== undefined) {
    const problem = checkCatch(step.catch, status, body);
    if (problem) {
      return { body, failure: { message: `${step.api} ${where}: ${problem}`, expected: step.catch, actual: `${status} ${describeError(body)}` } };
    }
  } else if (threw) {
    return { body, failure: { message: `${step.api} ${where} failed with status ${status}: ${describeError(body)}`, actual: `${status}` } };
  } else {
    track(step, body, state);
  }

  const warnings = checkWarnings(step, parseWarningHeader(result.headers?.warning), ctx.strictWarnings);
  if (warnings.failure) return { body, failure: { message: `${step.api} ${where}: ${warnings.failure}` } };
  for (const text of warnings.unexpected) state.notes.push(`warning from ${step.api}: ${text}`);
  return { body };
}
