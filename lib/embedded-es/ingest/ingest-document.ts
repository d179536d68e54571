/**
 * The document an ingest pipeline works on: its `_source` tree plus metadata fields
 * (`_index`, `_id`, `_routing`) and `_ingest` values, addressed with dotted paths like
 * Elasticsearch's IngestDocument.
 */
import { cloneNode, fromPlain, JsonNumber, toPlain, type JsonNode, type JsonObject } from '../json/json-node';

const META = new Set(['_index', '_id', '_routing', '_version', '_version_type']);

export class IngestDocument {
  readonly meta: Map<string, JsonNode>;
  readonly ingest: Map<string, JsonNode>;

  constructor(
    public source: JsonObject,
    meta: { index: string; id: string | undefined; routing: string | undefined },
    now: number,
  ) {
    this.meta = new Map<string, JsonNode>([['_index', meta.index]]);
    if (meta.id !== undefined) this.meta.set('_id', meta.id);
    if (meta.routing !== undefined) this.meta.set('_routing', meta.routing);
    this.ingest = new Map<string, JsonNode>([['timestamp', new Date(now).toISOString()]]);
  }

  private locate(path: string, create: boolean): { container: JsonObject; key: string } | undefined {
    if (META.has(path)) return { container: this.meta, key: path };
    let parts = path.split('.');
    let root: JsonObject = this.source;
    if (parts[0] === '_source') parts = parts.slice(1);
    else if (parts[0] === '_ingest') {
      root = this.ingest;
      parts = parts.slice(1);
    }
    if (parts.length === 0) return undefined;
    let obj = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const k = parts[i] as string;
      let next = obj.get(k);
      if (!(next instanceof Map)) {
        if (!create || (next !== undefined && next !== null)) return undefined;
        next = new Map();
        obj.set(k, next);
      }
      obj = next;
    }
    return { container: obj, key: parts[parts.length - 1] as string };
  }

  has(path: string): boolean {
    const loc = this.locate(path, false);
    return loc !== undefined && loc.container.has(loc.key);
  }

  get(path: string): JsonNode | undefined {
    const loc = this.locate(path, false);
    return loc ? loc.container.get(loc.key) : undefined;
  }

  /** Sets a value, creating intermediate objects; false when a non-object blocks the path. */
  set(path: string, value: JsonNode): boolean {
    const loc = this.locate(path, true);
    if (!loc) return false;
    loc.container.set(loc.key, value);
    return true;
  }

  remove(path: string): boolean {
    const loc = this.locate(path, false);
    return loc !== undefined && loc.container.delete(loc.key);
  }

  /** Renders `{{path}}` / `{{{path}}}` mustache references. */
  render(template: string): string {
    return template.replace(/\{\{\{?\s*([^}\s]+)\s*\}?\}\}/g, (_m, path: string) => {
      const v = this.get(path);
      if (v === undefined || v === null) return '';
      if (typeof v === 'string') return v;
      if (v instanceof JsonNumber) return v.text;
      if (typeof v === 'object') return JSON.stringify(toPlain(v));
      return String(v);
    });
  }

  /** A value from a pipeline definition, with templates rendered in strings. */
  value(v: unknown): JsonNode {
    if (typeof v === 'string') return this.render(v);
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v !== null && typeof v === 'object') {
      const out: JsonObject = new Map();
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out.set(k, this.value(x));
      return out;
    }
    return fromPlain(v);
  }

  /** Deep copy of a stored value. */
  static copy(v: JsonNode): JsonNode {
    return cloneNode(v);
  }
}
