/**
 * Freezes `value` and everything reachable from it through own properties, so a loaded Config
 * cannot be mutated by one consumer behind the back of the others. Returns the same object.
 * Already-frozen objects are still descended into: a shallowly frozen constant may hold mutable
 * children.
 */
export function deepFreeze<T>(value: T): T {
  freeze(value, new WeakSet());
  return value;
}

function freeze(value: unknown, seen: WeakSet<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) {
    freeze((value as Record<PropertyKey, unknown>)[key], seen);
  }
}
