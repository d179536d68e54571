/**
 * The request and response shapes every handler sees. Handlers are synchronous: they read and
 * change the in-memory state in one go, so no other request can interleave, and the server
 * commits their ops to the log before answering.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { esError } from '../errors/embedded-es-error';
import { parseException, xContentParse } from '../errors/es-errors';
import { JsonSyntaxError, parseJson } from '../json/parse-json';
import type { JsonNode } from '../json/json-node';

export class EsRequest {
  private text: string | undefined;

  constructor(
    readonly method: string,
    /** Decoded path, no query, no trailing slash. */
    readonly path: string,
    /** Path and query as received, for "no handler found for uri [...]". */
    readonly uri: string,
    readonly query: URLSearchParams,
    readonly headers: IncomingHttpHeaders,
    /** Decompressed body (undefined when empty). */
    readonly body: Buffer | undefined,
    /** `compatible-with` version from the vendor media type, if any. */
    readonly compatVersion: number | undefined,
    public params: Record<string, string> = {},
  ) {}

  get hasBody(): boolean {
    return this.body !== undefined && this.body.length > 0;
  }

  bodyText(): string {
    this.text ??= this.body ? this.body.toString('utf8') : '';
    return this.text;
  }

  /** The body as plain JSON; undefined when empty. @throws x_content_parse_exception */
  json(): unknown {
    const source = this.query.get('source');
    const text = this.hasBody ? this.bodyText() : source ?? '';
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      try {
        parseJson(text);
      } catch (err) {
        if (err instanceof JsonSyntaxError) throw xContentParse(err.located);
      }
      throw xContentParse('[1:1] Failed to parse request body');
    }
  }

  /** The body as an object; throws `parse_exception` when missing and `required`. */
  jsonObject(required = false): Record<string, unknown> {
    const v = this.json();
    if (v === undefined) {
      if (required) throw parseException('request body is required');
      return {};
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      throw xContentParse('[1:1] request body must be a JSON object');
    }
    return v as Record<string, unknown>;
  }

  /** The body as an exact tree (documents). */
  exactJson(): JsonNode {
    try {
      return parseJson(this.bodyText());
    } catch (err) {
      if (err instanceof JsonSyntaxError) throw xContentParse(err.located);
      throw err;
    }
  }

  /** Path parameter (decoded). */
  param(name: string): string {
    return this.params[name] ?? '';
  }

  has(name: string): boolean {
    return this.query.has(name);
  }

  str(name: string): string | undefined {
    return this.query.get(name) ?? undefined;
  }

  /** Boolean query parameter: present-and-empty or "true" → true. */
  bool(name: string, dflt = false): boolean {
    const v = this.query.get(name);
    if (v === null) return dflt;
    if (v === '' || v === 'true') return true;
    if (v === 'false') return false;
    throw esError({
      status: 400,
      type: 'illegal_argument_exception',
      reason: `Failed to parse value [${v}] as only [true] or [false] are allowed.`,
    });
  }

  int(name: string): number | undefined {
    const v = this.query.get(name);
    if (v === null || v === '') return undefined;
    const n = Number(v);
    if (!Number.isInteger(n)) {
      throw esError({ status: 400, type: 'illegal_argument_exception', reason: `Failed to parse int parameter [${name}] with value [${v}]` });
    }
    return n;
  }

  /** Comma-separated list parameter. */
  list(name: string): string[] | undefined {
    const v = this.query.get(name);
    if (v === null) return undefined;
    return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
}

export interface EsResponse {
  status: number;
  /** JSON body (serialized by the server, `filter_path` applied). */
  body?: unknown;
  /** Pre-rendered text body (cat APIs in text format). */
  text?: string;
  headers?: Record<string, string>;
}

/** 200 with a JSON body. */
export function ok(body: unknown, status = 200): EsResponse {
  return { status, body };
}

/** `{"acknowledged": true}`. */
export function acknowledged(extra: Record<string, unknown> = {}): EsResponse {
  return { status: 200, body: { acknowledged: true, ...extra } };
}
