/**
 * The value model of lib/chain: JSON values in which a number that a JS double cannot hold
 * exactly (as written) is kept as a {@link LosslessNumber}.
 */

/**
 * A JSON number kept as its literal text because `Number(literal)` would change it: integers
 * beyond 2^53 (`9007199254740993`), more digits than a double holds, or a spelling other than
 * JS's own (`1.50`, `1e3`, `-0`). Serializers write `literal` back verbatim; canonicalization
 * uses its exact decimal value.
 */
export class LosslessNumber {
  readonly literal: string;
  /** @throws {TypeError} when `literal` is not a JSON number literal. */
  constructor(literal: string) {
    if (typeof literal !== 'string' || !NUMBER_LITERAL.test(literal)) {
      throw new TypeError('LosslessNumber: not a JSON number literal');
    }
    this.literal = literal;
  }
  /** JSON.stringify writes the value as a string would lose it; callers use lib/chain's writers. */
  toString(): string {
    return this.literal;
  }
}

/** RFC 8259 §6 number grammar. */
export const NUMBER_LITERAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

export type JsonPrimitive = null | boolean | number | string | LosslessNumber;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for objects created by a JSON parser or an object literal (not arrays, class instances, null). */
export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
