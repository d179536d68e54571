import { MAX_CANONICAL_DEPTH, quote, sortNameTriples, writeJson } from './canonicalize';
import { isPlainObject, type JsonObject, type JsonValue } from './json-value';
import { dottedNode, selectFields, type FieldSelector, type SelectorNode } from './select-fields';

/**
 * `canonicalize(selectFields(log, selector))` in one pass, without building the selected
 * objects: at each level the selected members are gathered, sorted by name and written
 * (README §2 and §4). Same text, and on a throw the same error, as the two steps: members are
 * written in the same (sorted) order, so the first value without a canonical form is the same
 * (the rare cases where that needs the copy take it: {@link viaCopy}).
 *
 * Why: the selected copy cost a keyed store per member with names the parser had just sliced
 * from the body, and canonicalize then read the copy back; on ingest's 1 KB logs the two steps
 * took about 8 µs per log on this machine's worker thread, the most of any step after parsing.
 *
 * @throws {TypeError}/{RangeError} as {@link canonicalize}.
 * @example canonicalSelection({ b: 1, a: { x: 2, y: 3 } }, compileFieldSelector(['a.x', 'b'])) // '{"a":{"x":2},"b":1}'
 */
export function canonicalSelection(log: JsonObject, selector: FieldSelector): string {
  return writeSelected(log, selector.tree, 0) ?? '{}';
}

/**
 * The canonical text of what `node` selects from `obj` (an object at `depth`), or undefined
 * when nothing is selected. `members` holds name, value and selector node (null: the whole
 * value) per selected member, three slots each.
 */
function writeSelected(obj: JsonObject, node: SelectorNode, depth: number): string | undefined {
  if (depth >= MAX_CANONICAL_DEPTH) return viaCopy(obj, node, depth);
  const members: (string | JsonValue | SelectorNode | null)[] = [];
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    const value = obj[key] as JsonValue;
    let sub: SelectorNode | null | undefined;
    if (key.indexOf('.') < 0) {
      const child = node.children.get(key);
      if (child === undefined) continue;
      sub = child.whole ? null : child;
    } else {
      sub = dottedNode(key.split('.'), node);
      if (sub === undefined) continue;
    }
    // A partial selection descends only into objects (README §2: never into arrays).
    if (sub !== null && !isPlainObject(value)) continue;
    members.push(key, value, sub);
  }
  if (members.length === 0) return undefined;
  sortNameTriples(members);
  let out = '';
  for (let i = 0; i < members.length; i += 3) {
    const value = members[i + 1] as JsonValue;
    const sub = members[i + 2] as SelectorNode | null;
    let member: string;
    // The name is quoted before the value is written, as canonicalize does: a name with a lone
    // surrogate is refused first. Only a whole member can have one (a partial member's name is
    // made of include_fields segments, which are well-formed).
    if (sub === null) member = quote(members[i] as string) + ':' + writeJson(value, depth + 1, true);
    else {
      const text = writeSelected(value as JsonObject, sub, depth + 1);
      if (text === undefined) continue; // nothing selected below: the member is absent
      member = quote(members[i] as string) + ':' + text;
    }
    out += (out === '' ? '' : ',') + member;
  }
  return out === '' ? undefined : '{' + out + '}';
}

/**
 * The two steps for one object at canonicalize's nesting limit: it refuses the selected object
 * only when something is selected in it, before writing any member.
 */
function viaCopy(obj: JsonObject, node: SelectorNode, depth: number): string | undefined {
  const selected = selectFields(obj, { paths: [], tree: node });
  return Object.keys(selected).length === 0 ? undefined : writeJson(selected, depth, true);
}
