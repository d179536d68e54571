/**
 * Route table with Elasticsearch's matching rules: literal path segments win over `{params}`;
 * the first matching route that accepts the method handles the request; a path that matches only
 * with other methods is a 405 listing them; no match at all is a 400 "no handler found". HEAD
 * falls back to the GET handler (the body is dropped), as Elasticsearch's RestController does.
 */
import type { EsRequest, EsResponse } from './es-request';
import type { ServerContext } from './server-context';

export type Handler = (req: EsRequest, ctx: ServerContext) => EsResponse;

interface Route {
  readonly methods: readonly string[];
  readonly segments: readonly string[];
  readonly handler: Handler;
}

export type RouteMatch =
  | { kind: 'ok'; handler: Handler; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

function splitPath(path: string): string[] {
  return path === '/' || path === '' ? [] : path.replace(/^\//, '').split('/');
}

export class Router {
  private readonly routes: Route[] = [];

  /** Registers `handler` for `methods` on a pattern like `/{index}/_doc/{id}`. */
  add(methods: string | readonly string[], pattern: string, handler: Handler): this {
    this.routes.push({ methods: typeof methods === 'string' ? [methods] : methods, segments: splitPath(pattern), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const parts = splitPath(path);
    const candidates: { route: Route; params: Record<string, string>; rank: string }[] = [];
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let rank = '';
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i] as string;
        const part = parts[i] as string;
        if (seg.startsWith('{')) {
          if (part === '') {
            ok = false;
            break;
          }
          params[seg.slice(1, -1)] = part;
          rank += '1';
        } else if (seg === part) rank += '0';
        else {
          ok = false;
          break;
        }
      }
      if (ok) candidates.push({ route, params, rank });
    }
    if (candidates.length === 0) return { kind: 'none' };
    candidates.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    for (const wanted of method === 'HEAD' ? ['HEAD', 'GET'] : [method]) {
      const hit = candidates.find((c) => c.route.methods.includes(wanted));
      if (hit) return { kind: 'ok', handler: hit.route.handler, params: hit.params };
    }
    const allowed = new Set<string>();
    for (const c of candidates) for (const m of c.route.methods) allowed.add(m);
    if (allowed.has('GET')) allowed.add('HEAD');
    return { kind: 'method', allowed: [...allowed] };
  }
}
