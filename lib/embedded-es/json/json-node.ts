/**
 * The exact JSON tree used for documents.
 *
 * Documents must come back byte-exact (SPEC §3: integers beyond 2^53 and decimals like `1.50`
 * survive), so numbers whose text a JS double would change keep their lexeme, and objects are
 * `Map`s because plain objects reorder integer-like keys ("10" before "a") and treat
 * `__proto__` specially.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
  /** The value as a double (for comparisons, sorting, aggregations). */
  get value(): number {
    return Number(this.text);
  }
  /** True when the lexeme is a float in JSON terms (has a fraction or an exponent). */
  get isFloat(): boolean {
    return /[.eE]/.test(this.text);
  }
}

/** A JSON text (or its UTF-8 bytes) inserted verbatim into a response (a stored `_source`). */
export class RawJson {
  constructor(readonly text: string | Buffer) {}

  /** The JSON as a string. */
  toText(): string {
    return typeof this.text === 'string' ? this.text : this.text.toString('utf8');
  }
}

/** A JSON value rendered as consecutive pieces (a search hit around its stored source bytes). */
export class RawParts {
  constructor(readonly parts: readonly (string | Buffer)[]) {}

  toText(): string {
    return this.parts.map((p) => (typeof p === 'string' ? p : p.toString('utf8'))).join('');
  }
}

export type JsonObject = Map<string, JsonNode>;
export type JsonNode = null | boolean | string | number | JsonNumber | JsonNode[] | JsonObject;

/** True for an object node. */
export function isJsonObject(node: unknown): node is JsonObject {
  return node instanceof Map;
}

/** The numeric value of a number node, or undefined. */
export function numberOf(node: JsonNode | undefined): number | undefined {
  if (typeof node === 'number') return node;
  if (node instanceof JsonNumber) return node.value;
  return undefined;
}

/** Converts a plain JSON value (from `JSON.parse`) into a tree node. */
export function fromPlain(value: unknown): JsonNode {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof JsonNumber || value instanceof Map) return value as JsonNode;
  if (Array.isArray(value)) return value.map(fromPlain);
  if (typeof value === 'object') {
    const out: JsonObject = new Map();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out.set(k, fromPlain(v));
    return out;
  }
  return null;
}

/** Converts a tree node to a plain JS value (numbers become doubles). */
export function toPlain(node: JsonNode | undefined): unknown {
  if (node === undefined || node === null) return null;
  if (node instanceof JsonNumber) return node.value;
  if (node instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of node) {
      Object.defineProperty(out, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (Array.isArray(node)) return node.map(toPlain);
  return node;
}

/** Deep copy of a tree (leaves are immutable and shared). */
export function cloneNode(node: JsonNode): JsonNode {
  if (node instanceof Map) {
    const out: JsonObject = new Map();
    for (const [k, v] of node) out.set(k, cloneNode(v));
    return out;
  }
  if (Array.isArray(node)) return node.map(cloneNode);
  return node;
}

/** Structural equality (numbers compared by value, as ES's noop detection does on maps). */
export function nodesEqual(a: JsonNode, b: JsonNode): boolean {
  if (a === b) return true;
  const na = numberOf(a);
  const nb = numberOf(b);
  if (na !== undefined || nb !== undefined) {
    if (a instanceof JsonNumber && b instanceof JsonNumber) return a.text === b.text;
    return na === nb;
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k) || !nodesEqual(v, b.get(k) as JsonNode)) return false;
    }
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => nodesEqual(v, b[i] as JsonNode));
  }
  return false;
}
