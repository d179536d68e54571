const REDACTED = '[redacted]';

/**
 * A secret string (inline password, API key) that refuses to be printed.
 *
 * `String()`, template literals, `JSON.stringify` and `util.inspect` all yield `[redacted]`, so a
 * stray log line or `config show` cannot leak it; code that needs the value calls `reveal()`
 * explicitly, which is easy to grep for. The value sits in a private field so that no
 * enumeration (spread, Object.entries, deep-equal diffs in test output) reaches it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  /** The secret value. Call only where it is handed to the component that needs it. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Secret(${REDACTED})`;
  }
}

/** The placeholder that replaces secret values in printable output. */
export const REDACTED_PLACEHOLDER = REDACTED;
