import type { Client } from '@elastic/elasticsearch';

/** An API method of the official client, called as `(params, transportOptions)`. */
export type ApiMethod = (params: Record<string, unknown>, options: Record<string, unknown>) => Promise<unknown>;

export interface ResolvedApi {
  readonly call: ApiMethod;
  /**
   * The client's names for the API's path parts, read from the generated method
   * (`const acceptedPath = [...]`); undefined if the client's code generation ever changes shape.
   */
  readonly pathParams?: readonly string[];
}

// Every generated 8.x API method starts with `const acceptedPath = ['index', 'id'];`. This is
// the only machine-readable statement of an API's path parts the client ships, and the runner
// needs it to send the YAML's remaining parameters as a query string, as the REST spec defines
// them, instead of letting the client move some of them into the body.
const ACCEPTED_PATH = /acceptedPath\s*=\s*\[([^\]]*)\]/;

function readPathParams(method: ApiMethod): string[] | undefined {
  const match = ACCEPTED_PATH.exec(Function.prototype.toString.call(method));
  if (!match) return undefined;
  return [...(match[1] ?? '').matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '');
}

// Members of the client (and of every object) that share the naming rule but are not APIs.
const NOT_APIS = new Set([
  'child', 'close', 'helpers', 'transport', 'diagnostic', 'name', 'connectionPool', 'serializer',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** `put_index_template` → `putIndexTemplate`; `async_search` → `asyncSearch`. */
export function toCamelCase(segment: string): string {
  return segment.replace(/_([a-z0-9])/g, (_match, ch: string) => ch.toUpperCase());
}

/**
 * Finds the client method for a REST spec API name: each dotted segment is camel-cased, so
 * `indices.put_index_template` is `client.indices.putIndexTemplate` and `open_point_in_time` is
 * `client.openPointInTime`. Checked against every API of @elastic/elasticsearch 8.19.2: the
 * client's own request metadata (`meta.name`) follows this rule for all of them.
 * @returns the bound method and its path parts, or undefined when the client has no such API.
 */
export function resolveApi(client: Client, api: string): ResolvedApi | undefined {
  const segments = api.split('.').map(toCamelCase);
  if (segments.length === 0 || segments.some((segment) => segment === '' || NOT_APIS.has(segment))) return undefined;
  let owner: unknown = client;
  for (const segment of segments.slice(0, -1)) {
    owner = (owner as Record<string, unknown>)[segment];
    if (typeof owner !== 'object' || owner === null) return undefined;
  }
  const method = (owner as Record<string, unknown>)[segments.at(-1) ?? ''];
  if (typeof method !== 'function') return undefined;
  return { call: (method as ApiMethod).bind(owner), pathParams: readPathParams(method as ApiMethod) };
}
