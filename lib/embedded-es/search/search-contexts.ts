/**
 * Point-in-time and scroll contexts: frozen index views kept alive for `keep_alive` after last
 * use. A context caches the sorted result of each query it serves, so paging with `search_after`
 * (or scrolling) sorts the corpus once, not once per page. Expired contexts are swept by an
 * unref'd timer; a lookup of an unknown or expired id is Elasticsearch's 404
 * `search_context_missing_exception`.
 */
import { randomBytes } from 'node:crypto';
import { esError } from '../errors/embedded-es-error';
import type { SearchView } from './search-view';

export interface CachedSearch {
  /** Opaque data of the executor (sorted candidates, totals). */
  readonly value: unknown;
}

export interface PitContext {
  readonly id: string;
  readonly views: SearchView[];
  keepAliveMs: number;
  expiresAt: number;
  readonly cache: Map<string, CachedSearch>;
}

export interface ScrollContext {
  readonly id: string;
  keepAliveMs: number;
  expiresAt: number;
  /** Executor-owned state: views, sorted order, position, rendering options. */
  state: unknown;
}

const MAX_CACHED_QUERIES = 16;

function missing(id: string): Error {
  const inner = { type: 'search_context_missing_exception', reason: `No search context found for id [${id}]` };
  return esError({
    status: 404,
    type: 'search_phase_execution_exception',
    reason: 'all shards failed',
    rootCause: [inner],
    extra: { phase: 'query', grouped: true, failed_shards: [{ shard: -1, index: null, reason: inner }] },
    causedBy: inner,
  });
}

export class SearchContexts {
  private readonly pits = new Map<string, PitContext>();
  private readonly scrolls = new Map<string, ScrollContext>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.sweep(Date.now()), 5_000);
    this.timer.unref();
  }

  openPit(views: SearchView[], keepAliveMs: number, now = Date.now()): PitContext {
    const id = randomBytes(36).toString('base64');
    const ctx: PitContext = { id, views, keepAliveMs, expiresAt: now + keepAliveMs, cache: new Map() };
    this.pits.set(id, ctx);
    return ctx;
  }

  /** @throws 404 search_context_missing_exception */
  pit(id: string, keepAliveMs: number | undefined, now = Date.now()): PitContext {
    const ctx = this.pits.get(id);
    if (!ctx || ctx.expiresAt < now) {
      this.pits.delete(id);
      throw missing(id);
    }
    if (keepAliveMs !== undefined) ctx.keepAliveMs = keepAliveMs;
    ctx.expiresAt = now + ctx.keepAliveMs;
    return ctx;
  }

  closePit(id: string): boolean {
    return this.pits.delete(id);
  }

  /** Remembers a query result in a PIT context (bounded). */
  remember(ctx: PitContext, key: string, value: unknown): void {
    if (ctx.cache.size >= MAX_CACHED_QUERIES) {
      const first = ctx.cache.keys().next().value;
      if (first !== undefined) ctx.cache.delete(first);
    }
    ctx.cache.set(key, { value });
  }

  openScroll(state: unknown, keepAliveMs: number, now = Date.now()): ScrollContext {
    const id = randomBytes(36).toString('base64');
    const ctx: ScrollContext = { id, keepAliveMs, expiresAt: now + keepAliveMs, state };
    this.scrolls.set(id, ctx);
    return ctx;
  }

  /** @throws 404 search_context_missing_exception */
  scroll(id: string, keepAliveMs: number | undefined, now = Date.now()): ScrollContext {
    const ctx = this.scrolls.get(id);
    if (!ctx || ctx.expiresAt < now) {
      this.scrolls.delete(id);
      throw missing(id);
    }
    if (keepAliveMs !== undefined) ctx.keepAliveMs = keepAliveMs;
    ctx.expiresAt = now + ctx.keepAliveMs;
    return ctx;
  }

  closeScroll(id: string): boolean {
    return this.scrolls.delete(id);
  }

  closeAllScrolls(): number {
    const n = this.scrolls.size;
    this.scrolls.clear();
    return n;
  }

  sweep(now: number): void {
    for (const [id, c] of this.pits) if (c.expiresAt < now) this.pits.delete(id);
    for (const [id, c] of this.scrolls) if (c.expiresAt < now) this.scrolls.delete(id);
  }

  close(): void {
    clearInterval(this.timer);
    this.pits.clear();
    this.scrolls.clear();
  }

  get openContexts(): number {
    return this.pits.size + this.scrolls.size;
  }
}
