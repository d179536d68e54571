// Turns a `do:` step's parameters into the official client's two arguments: API parameters and
// transport options. In the REST spec a YAML parameter is a path part, `body`, or a query
// parameter. Path parts and `body` go to the client as API parameters; every other parameter is
// passed as the transport's `querystring`, because the 8.x client would otherwise move names it
// also knows as body keys (`size`, `sort`, `timeout`, `version`, ...) into the JSON body.

// APIs whose body is NDJSON: the client sends `body` as-is when it is a string and serializes a
// list one JSON value per line (`bulkBody`). Every other API gets a JSON body.
const NDJSON_APIS = new Set([
  'bulk', 'msearch', 'msearch_template', 'fleet.msearch', 'monitoring.bulk', 'text_structure.find_structure',
]);

// The content type the 8.x client sends for JSON bodies (es-wire.md, "npm @elastic/elasticsearch").
const JSON_CONTENT_TYPE = 'application/vnd.elasticsearch+json; compatible-with=8';

export interface RequestParts {
  readonly params: Record<string, unknown>;
  readonly options: {
    meta: true;
    ignore?: number[];
    headers?: Record<string, string>;
    requestTimeout: number;
    maxRetries: 0;
    signal?: AbortSignal;
    querystring?: Record<string, unknown>;
  };
}

/** `ignore: 404` or `ignore: [404]`: statuses the client must not turn into errors. */
function parseIgnore(value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  const codes = items.map((item) => Number(item)).filter((code) => Number.isInteger(code));
  return codes.length > 0 ? codes : undefined;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/**
 * Builds the client call for one (already stash-substituted) `do:` step.
 * @param api dotted REST spec name, used to recognise NDJSON APIs
 * @param params the step's parameters under the client's names; `ignore` becomes a transport option
 * @param pathParams the API's path parts; when unknown, the client routes every parameter itself
 * @param headers `do.headers`, values turned into strings
 */
export function buildRequest(
  api: string,
  params: Readonly<Record<string, unknown>>,
  pathParams: readonly string[] | undefined,
  headers: Readonly<Record<string, unknown>> | undefined,
  timing: { requestTimeoutMs: number; signal?: AbortSignal },
): RequestParts {
  const { ignore, ...rest } = params;
  let apiParams: Record<string, unknown> = rest;
  let querystring: Record<string, unknown> | undefined;
  if (pathParams) {
    apiParams = {};
    querystring = {};
    for (const [key, value] of Object.entries(rest)) {
      if (key === 'body' || pathParams.includes(key)) apiParams[key] = value;
      else if (value !== undefined && value !== null) querystring[key] = value;
    }
  }
  const outHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) outHeaders[name] = String(value);
  // A string body of a JSON API (a YAML block scalar holding JSON) is sent byte for byte, as
  // the reference runner does. Left alone, the client would label it text/plain, which
  // Elasticsearch rejects.
  if (typeof apiParams.body === 'string' && !NDJSON_APIS.has(api)) {
    if (!hasHeader(outHeaders, 'content-type')) outHeaders['content-type'] = JSON_CONTENT_TYPE;
    if (!hasHeader(outHeaders, 'accept')) outHeaders.accept = JSON_CONTENT_TYPE;
  }
  return {
    params: apiParams,
    options: {
      meta: true,
      ignore: parseIgnore(ignore),
      headers: Object.keys(outHeaders).length > 0 ? outHeaders : undefined,
      requestTimeout: timing.requestTimeoutMs,
      // A retry would hide what the server answered first, and could repeat a write.
      maxRetries: 0,
      signal: timing.signal,
      querystring: querystring && Object.keys(querystring).length > 0 ? querystring : undefined,
    },
  };
}
