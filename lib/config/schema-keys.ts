import { z } from 'zod';

/** The keys a schema accepts, as a tree: tables hold keys, leaves hold values. */
export type KeyNode =
  | { readonly kind: 'table'; readonly children: ReadonlyMap<string, KeyNode> }
  | { readonly kind: 'leaf'; readonly stringOnly: boolean };

/**
 * Reads the key tree out of a config schema, so that environment overrides and "did you mean"
 * hints follow the schema instead of a second, hand-kept list of keys. Understands what the
 * section schemas are built from: objects, optional/default/prefault wrappers and pipes
 * (transforms); anything else is a leaf.
 */
export function schemaKeys(schema: z.ZodType): KeyNode {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    const children = new Map<string, KeyNode>();
    for (const [key, child] of Object.entries(inner.shape as Record<string, z.ZodType>)) children.set(key, schemaKeys(child));
    return { kind: 'table', children };
  }
  return { kind: 'leaf', stringOnly: inner instanceof z.ZodString || inner instanceof z.ZodEnum };
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

/** The node at `path` (lower-case keys), or undefined when the schema has no such key. */
export function keyAt(root: KeyNode, path: readonly string[]): KeyNode | undefined {
  let node: KeyNode | undefined = root;
  for (const segment of path) {
    if (node?.kind !== 'table') return undefined;
    node = node.children.get(segment);
  }
  return node;
}
