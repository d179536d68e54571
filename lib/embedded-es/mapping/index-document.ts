/**
 * Parses a document's JSON text and maps it in one pass, as Elasticsearch's DocumentParser does:
 * - converts every mapped value to its indexed form (numbers, epoch millis, strings);
 * - maps unknown fields dynamically (templates, date detection, text + keyword, long, float);
 * - rejects what Elasticsearch rejects, with its reasons (`object mapping for [host] tried to
 *   parse field [host] as object, but found a concrete value`, type failures with the value
 *   preview, strict dynamic mapping, duplicate keys, malformed JSON) and the `[line:col]` of the
 *   offending token, in document order.
 * No tree is built: this runs for every indexed document, and per-document garbage was the
 * write path's largest cost.
 */
import { esError } from '../errors/embedded-es-error';
import { documentParsing, illegalArgument } from '../errors/es-errors';
import { parseJson } from '../json/parse-json';
import { endLocation, locate } from '../json/locate-value';
import { describe } from './doc-lexer';
import { DocValues, preview } from './doc-values';
import { CompiledMapping, type FieldInfo, type ObjectInfo } from './compile-mapping';
import { applyUpdates, inferScalar, inferString, templateFor, type Json } from './dynamic-types';

/** Indexed values of one document: parallel arrays of field path and value. */
export interface DocumentFields {
  paths: string[];
  values: (string | number)[];
}

export interface ParseResult extends DocumentFields {
  /** The mapping JSON with dynamically added fields, or undefined when unchanged. */
  newMapping: Record<string, unknown> | undefined;
}

const METADATA_FIELDS = new Set(['_id', '_index', '_source', '_version', '_routing', '_seq_no', '_primary_term', '_ignored',
  '_field_names', '_tier', '_data_stream_timestamp', '_doc_count', '_nested_path', '_feature', '_tsid']);
type Node = FieldInfo | ObjectInfo;


class DocIndexer extends DocValues {
  readonly overlay = new Map<string, Node>();
  readonly updates: [string[], Json][] = [];

  constructor(
    text: string,
    id: string,
    readonly mapping: CompiledMapping,
    readonly allowDynamic: boolean,
  ) {
    super(text, id);
  }

  strict(parent: ObjectInfo, name: string, pos: number): never {
    throw esError({
      status: 400,
      type: 'strict_dynamic_mapping_exception',
      reason: `${this.at(pos)} mapping set to strict, dynamic introduction of [${name}] within [${parent.path === '' ? '_doc' : parent.path}] is not allowed`,
    });
  }

  // ---- mapping --------------------------------------------------------------------------------

  child(parent: ObjectInfo, name: string): Node | undefined {
    return parent.children.get(name) ?? (this.overlay.size === 0 ? undefined : this.overlay.get(parent.path === '' ? name : `${parent.path}.${name}`));
  }

  dynamicFor(parent: ObjectInfo): string {
    for (let p = parent.path; ; ) {
      const o = this.mapping.objects.get(p) ?? this.overlay.get(p);
      if (o && o.kind === 'object' && o.dynamic !== undefined) return o.dynamic;
      if (p === '') return 'true';
      const dot = p.lastIndexOf('.');
      p = dot === -1 ? '' : p.slice(0, dot);
    }
  }

  addObject(parent: ObjectInfo, name: string): ObjectInfo {
    const path = parent.path === '' ? name : `${parent.path}.${name}`;
    const info: ObjectInfo = { kind: 'object', path, type: 'object', dynamic: undefined, enabled: true, children: new Map() };
    this.overlay.set(path, info);
    this.updates.push([path.split('.'), {}]);
    return info;
  }

  addField(parent: ObjectInfo, name: string, def: Json): FieldInfo {
    const path = parent.path === '' ? name : `${parent.path}.${name}`;
    const proto = new CompiledMapping({ properties: { x: def } }).fields.get('x') as FieldInfo;
    const rebase = (f: FieldInfo, p: string): FieldInfo => ({ ...f, path: p, subFields: f.subFields.map((s) => rebase(s, p + s.path.slice(f.path.length))) });
    const info = rebase(proto, path);
    this.overlay.set(path, info);
    for (const s of info.subFields) this.overlay.set(s.path, s);
    this.updates.push([path.split('.'), def]);
    return info;
  }

  object(obj: ObjectInfo): void {
    const root = obj.path === '' && this.depth === 0;
    this.objectTokens((key, keyPos) => {
      if (key === '') {
        throw documentParsing(`${this.at(keyPos)} failed to parse: field name cannot be an empty string`, { type: 'illegal_argument_exception', reason: 'field name cannot be an empty string' });
      }
      if (root && METADATA_FIELDS.has(key)) {
        throw documentParsing(`${this.at(keyPos)} Field [${key}] is a metadata field and cannot be added inside a document. Use the index API request parameters.`);
      }
      if (key.includes('.')) this.dotted(obj, key, keyPos);
      else this.member(obj, key);
    });
  }

  /** `{"a.b": v}` is `{"a": {"b": v}}` (Elasticsearch expands dots in field names). */
  dotted(obj: ObjectInfo, key: string, keyPos: number): void {
    const parts = key.split('.');
    let parent = obj;
    for (let i = 0; i < parts.length - 1; i++) {
      const name = parts[i] as string;
      if (name === '') this.syntax(`field name cannot contain only whitespace: ['${key}']`, keyPos);
      const existing = this.child(parent, name);
      if (existing?.kind === 'field') {
        throw documentParsing(`${this.at(keyPos)} Could not dynamically add mapping for field [${parts.slice(0, i + 2).join('.')}]. Existing mapping for [${existing.path}] must be of type object but found [${existing.type}].`);
      }
      if (existing) {
        if (!existing.enabled) return this.skip();
        parent = existing;
        continue;
      }
      const dyn = this.dynamicFor(parent);
      if (dyn === 'strict') this.strict(parent, name, keyPos);
      if (dyn !== 'true' || !this.allowDynamic) return this.skip();
      parent = this.addObject(parent, name);
    }
    this.member(parent, parts[parts.length - 1] as string);
  }

  member(parent: ObjectInfo, name: string): void {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x5b) {
      this.arrayTokens(() => this.member(parent, name));
      return;
    }
    let node = this.child(parent, name);
    if (c === 0x7b) {
      if (node?.kind === 'field') {
        if (node.valueKind === 'none') return this.skip();
        const start = this.pos;
        const { line, column } = locate(this.text, start);
        this.skip();
        throw this.typeError(node, start, preview(parseJson(this.text.slice(start, this.pos))), { type: 'illegal_state_exception', reason: `Can't get text on a START_OBJECT at ${line}:${column}` });
      }
      if (!node) {
        const dyn = this.dynamicFor(parent);
        if (dyn === 'strict') this.strict(parent, name, this.pos);
        if (dyn !== 'true' || !this.allowDynamic) return this.skip();
        const path = parent.path === '' ? name : `${parent.path}.${name}`;
        const tpl = templateFor(this.mapping, path, name, 'object');
        if (tpl && tpl.type !== undefined && tpl.type !== 'object' && tpl.type !== 'nested') {
          const f = this.addField(parent, name, tpl);
          if (f.valueKind === 'none') return this.skip();
          const start = this.pos;
          this.skip();
          throw this.typeError(f, start, preview(parseJson(this.text.slice(start, this.pos))), { type: 'illegal_state_exception', reason: "Can't get text on a START_OBJECT" });
        }
        node = this.addObject(parent, name);
      }
      if (!node.enabled) return this.skip();
      this.object(node);
      return;
    }
    const valuePos = this.pos;
    if (!this.scalar()) {
      if (node?.kind === 'field' && node.nullValue !== undefined && node.nullValue !== null) this.nullValue(node);
      return;
    }
    if (node?.kind === 'object') {
      throw documentParsing(`${this.at(valuePos)} object mapping for [${node.path}] tried to parse field [${name}] as object, but found a concrete value`);
    }
    if (!node) {
      const dyn = this.dynamicFor(parent);
      if (dyn === 'strict') this.strict(parent, name, valuePos);
      if (dyn !== 'true' || !this.allowDynamic) return;
      const path = parent.path === '' ? name : `${parent.path}.${name}`;
      const def = this.sKind === 0 ? inferString(this.mapping, path, name, this.sStr) : inferScalar(this.mapping, path, name, this.sKind === 2 ? 'boolean' : this.sFloat ? 'double' : 'long');
      node = this.addField(parent, name, def);
    }
    this.field(node);
  }

  run(): void {
    this.ws();
    if (this.text.charCodeAt(this.pos) !== 0x7b) {
      if (this.pos >= this.text.length) this.syntax('Unexpected end-of-input: expected a value');
      throw documentParsing(`${this.at(this.pos)} failed to parse: Malformed content, must start with an object`, {
        type: 'illegal_state_exception', reason: 'Malformed content, must start with an object',
      });
    }
    this.object(this.mapping.root);
    this.ws();
    if (this.pos < this.text.length) {
      this.syntax(`Unexpected character (${describe(this.text.charCodeAt(this.pos))}): expected end-of-input after the root value`);
    }
  }
}

/**
 * Parses and maps the document `source` (JSON text) against `mapping`.
 * @param allowDynamic false during replay: the mapping already holds every dynamic field.
 * @throws EmbeddedEsError `document_parsing_exception`, `strict_dynamic_mapping_exception` or
 *   `illegal_argument_exception` (total fields limit), as Elasticsearch reports them.
 */
export function indexDocument(source: string, id: string, mapping: CompiledMapping, allowDynamic = true, bytes?: Buffer): ParseResult {
  const d = new DocIndexer(source, id, mapping, allowDynamic);
  if (bytes !== undefined && bytes.length === source.length) d.ascii = bytes;
  d.run();
  let newMapping: Json | undefined;
  if (d.updates.length > 0) {
    newMapping = applyUpdates(mapping.json, d.updates);
    const limit = mapping.totalFieldsLimit;
    const after = new CompiledMapping(newMapping).totalFields;
    if (after > limit) {
      throw illegalArgument(`Limit of total fields [${limit}] has been exceeded while adding new fields [${after - mapping.totalFields}]`);
    }
  }
  return { paths: d.paths, values: d.values, newMapping };
}

/** The `[line:col]` of a document's last token (where "timestamp is missing" is reported). */
export function documentEnd(source: string): string {
  const { line, column } = endLocation(source);
  return `[${line}:${column}]`;
}
