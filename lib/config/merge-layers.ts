import { isTable } from './schema-kit';

/**
 * One source of settings: a parsed TOML file or one environment variable. A value of
 * `undefined` removes the key (an empty SIGNET_* variable resets a setting to its default).
 */
export interface Layer {
  readonly source: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Path of a key: table keys, and array indexes for problems inside arrays. */
export type KeyPath = readonly (string | number)[];

/**
 * Which source last set each key, so that a problem found in the merged result can be charged
 * to the file or variable the operator has to edit.
 */
export interface Provenance {
  /**
   * The source of `path`: the layer that set the value, or, for a key nobody set (a required key
   * that is missing), the last layer that touched the enclosing table; `fallback` if none did.
   */
  sourceOf(path: KeyPath, fallback: string): string;
}

const SEP = '\u0000';

/**
 * Deep-merges `layers` in order (later wins). Tables merge key by key; scalars and arrays
 * replace. Returns the merged table and the provenance of every key.
 */
export function mergeLayers(layers: readonly Layer[]): { data: Record<string, unknown>; provenance: Provenance } {
  const data: Record<string, unknown> = {};
  const setBy = new Map<string, string>();

  const clearBelow = (prefix: string): void => {
    for (const key of setBy.keys()) if (key.startsWith(prefix + SEP)) setBy.delete(key);
  };

  const mergeInto = (target: Record<string, unknown>, source: Readonly<Record<string, unknown>>, prefix: string, layer: string): void => {
    for (const [key, value] of Object.entries(source)) {
      const id = prefix === '' ? key : prefix + SEP + key;
      if (isTable(value)) {
        let child = target[key];
        if (!isTable(child)) {
          child = {};
          target[key] = child;
          clearBelow(id);
        }
        setBy.set(id, layer);
        mergeInto(child as Record<string, unknown>, value, id, layer);
      } else {
        if (value === undefined) delete target[key];
        else target[key] = value;
        clearBelow(id);
        setBy.set(id, layer);
      }
    }
  };

  for (const layer of layers) mergeInto(data, layer.data, '', layer.source);

  return {
    data,
    provenance: {
      sourceOf(path, fallback) {
        for (let n = path.length; n > 0; n--) {
          const found = setBy.get(path.slice(0, n).map(String).join(SEP));
          if (found !== undefined) return found;
        }
        return fallback;
      },
    },
  };
}
