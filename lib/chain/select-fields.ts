import { isPlainObject, type JsonObject, type JsonValue } from './json-value';

/** The field Signet adds to every signed document; it can never be signed itself. */
export const BLOCKCHAIN_FIELD = 'ES_BLOCKCHAIN';

/** A compiled `include_fields` list: a tree of path segments (README §Signed fields). */
export interface FieldSelector {
  readonly paths: readonly string[];
  readonly tree: SelectorNode;
}
/** `whole`: a listed path ends here, so everything below is selected; otherwise `children` says what. */
export interface SelectorNode {
  whole: boolean;
  readonly children: Map<string, SelectorNode>;
}

/**
 * Why `path` is not a valid `include_fields` entry, or null when it is. A path is one or more
 * non-empty segments joined by dots, at most 1024 characters, not inside `ES_BLOCKCHAIN`.
 */
export function fieldPathProblem(path: unknown): string | null {
  if (typeof path !== 'string') return 'must be a string';
  if (path.length === 0) return 'must not be empty';
  if (path.length > 1024) return 'is longer than 1024 characters';
  if (!path.isWellFormed()) return 'contains a lone surrogate';
  if (path.split('.').some((s) => s.trim() === '')) return 'has an empty segment (leading, trailing or double dot)';
  if (path === BLOCKCHAIN_FIELD || path.startsWith(`${BLOCKCHAIN_FIELD}.`)) return `must not select ${BLOCKCHAIN_FIELD}`;
  return null;
}

/**
 * Compiles `include_fields` once so that per-log selection is a tree walk.
 * @throws {TypeError} when `paths` is not an array of strings.
 * @throws {RangeError} naming the first invalid or duplicate path.
 * @example compileFieldSelector(['message', 'host.name'])
 */
export function compileFieldSelector(paths: readonly string[]): FieldSelector {
  if (!Array.isArray(paths)) throw new TypeError('compileFieldSelector: paths must be an array');
  const tree: SelectorNode = { whole: false, children: new Map() };
  const seen = new Set<string>();
  for (const path of paths) {
    const problem = fieldPathProblem(path);
    if (problem !== null) {
      if (typeof path !== 'string') throw new TypeError(`include_fields entry ${problem}`);
      throw new RangeError(`include_fields entry ${JSON.stringify(path)} ${problem}`);
    }
    if (seen.has(path)) throw new RangeError(`include_fields entry ${JSON.stringify(path)} is listed twice`);
    seen.add(path);
    let node = tree;
    for (const seg of path.split('.')) {
      let child = node.children.get(seg);
      if (child === undefined) {
        child = { whole: false, children: new Map() };
        node.children.set(seg, child);
      }
      node = child;
    }
    node.whole = true;
  }
  return { paths: Object.freeze([...paths]), tree };
}

/**
 * Restricts `log` to the selected fields (SPEC §4: missing fields are absent, not null).
 *
 * A path descends through nested objects (`host.name` → `log.host.name`) and also matches keys
 * that themselves contain dots (`log["host.name"]`), the way Elasticsearch treats both spellings
 * as the same field; the selection keeps the log's own spelling. A path that reaches an object
 * selects the whole subtree; overlapping paths are merged. A path does not descend into arrays:
 * name the array itself to sign it. Values are shared with `log`, not copied.
 *
 * @example selectFields({ host: { name: 'a', ip: 'b' }, x: 1 }, compileFieldSelector(['host.name']))
 *   // { host: { name: 'a' } }
 */
export function selectFields(log: JsonObject, selector: FieldSelector): JsonObject {
  return selectTree(log, selector.tree);
}

function selectTree(obj: JsonObject, tree: SelectorNode): JsonObject {
  const out: JsonObject = {};
  // for-in walks V8's enum cache without allocating a key array; the own-property check keeps
  // inherited members (a polluted prototype) out.
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    const value = obj[key] as JsonValue;
    let picked: JsonValue | undefined;
    if (key.indexOf('.') < 0) {
      // Common case: a plain key (no split, no allocation).
      const node = tree.children.get(key);
      if (node === undefined) continue;
      picked = node.whole ? value : descend(value, node);
    } else {
      picked = pick(value, key.split('.'), tree);
    }
    if (picked !== undefined) setOwn(out, key, picked);
  }
  return out;
}

function descend(value: JsonValue, node: SelectorNode): JsonValue | undefined {
  if (!isPlainObject(value)) return undefined; // path continues below a non-object
  const sub = selectTree(value, node);
  return Object.keys(sub).length === 0 ? undefined : sub;
}

/** Selects from `value`, stored under a key whose dot-separated segments are `segs`. */
function pick(value: JsonValue, segs: readonly string[], tree: SelectorNode): JsonValue | undefined {
  const node = dottedNode(segs, tree);
  return node === undefined ? undefined : node === null ? value : descend(value, node);
}

/**
 * The node a dotted member name (split into `segs`) reaches from `tree`: null when a listed path
 * ends on the way (the whole value is selected), undefined when no path matches.
 */
export function dottedNode(segs: readonly string[], tree: SelectorNode): SelectorNode | null | undefined {
  let node: SelectorNode | undefined = tree;
  for (const seg of segs) {
    node = node.children.get(seg);
    if (node === undefined) return undefined;
    if (node.whole) return null;
  }
  return node;
}

function setOwn(obj: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
