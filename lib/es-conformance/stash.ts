import { evaluateSegments, splitPath } from './resolve-path';

/** A `$var` that was never `set`: the step using it fails. */
export class StashLookupError extends Error {
  constructor(readonly variable: string) {
    super(`stashed value [${variable}] not found`);
    this.name = 'StashLookupError';
  }
}

// `$name` or `$name.path.into.it` as a whole string keeps the stashed value's type; `${name}`
// anywhere inside a string (feature `embedded_stash_key`) is replaced by its text.
const WHOLE = /^\$(?:\{([A-Za-z_][\w.]*)\}|([A-Za-z_]\w*(?:\.\S+)?))$/;
const EMBEDDED = /\$\{([A-Za-z_][\w.]*)\}/g;

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * Values saved by `set`/`transform_and_set`, plus `body` (the last response), substituted into
 * later requests, expectations, keys and paths. Reset before each test's setup.
 */
export class Stash {
  private readonly values = new Map<string, unknown>();

  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }

  clear(): void {
    this.values.clear();
  }

  /**
   * Looks up `name`, which may continue with a dot path into the stashed value (`body.hits`).
   * @throws {StashLookupError} when the variable was never stashed.
   */
  get(name: string): unknown {
    const [head = '', ...rest] = splitPath(name);
    if (!this.values.has(head)) throw new StashLookupError(head);
    return rest.length === 0 ? this.values.get(head) : evaluateSegments(this.values.get(head), rest);
  }

  /** True when `text` refers to a stashed value as a whole (`$id`, `${id}`). */
  isReference(text: string): boolean {
    return WHOLE.test(text);
  }

  /** Replaces stash references in a string: a whole reference keeps the value's type. */
  substituteString(text: string): unknown {
    const whole = WHOLE.exec(text);
    if (whole) return this.get(whole[1] ?? whole[2] ?? '');
    if (!text.includes('${')) return text;
    return text.replace(EMBEDDED, (_match, name: string) => asText(this.get(name)));
  }

  /** Deep substitution into values and map keys (feature `stash_in_key`). */
  substitute(value: unknown): unknown {
    if (typeof value === 'string') return this.substituteString(value);
    if (Array.isArray(value)) return value.map((item) => this.substitute(item));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        out[asText(this.substituteString(key))] = this.substitute(item);
      }
      return out;
    }
    return value;
  }

  /** Substitutes each path segment (feature `stash_in_path`): `nodes.$master.name`. */
  substitutePath(path: string): string[] {
    return splitPath(path).map((segment) => asText(this.substituteString(segment)));
  }
}
