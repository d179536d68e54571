import { writeJson } from './canonicalize';

/**
 * Serializes a value as ordinary JSON text, keeping member order and writing each
 * `LosslessNumber` verbatim — the counterpart of `parseJson` for storing documents
 * byte-faithfully (SPEC §3: no number changed). Plain JS numbers use their shortest spelling.
 * (JS objects enumerate array-index member names first; everything else keeps its order.)
 *
 * @throws {TypeError} / {RangeError} for values outside the JSON model, as `canonicalize`.
 * @example stringifyJson({ b: new LosslessNumber('1.50'), a: 1 }) // '{"b":1.50,"a":1}'
 */
export function stringifyJson(value: unknown): string {
  return writeJson(value, 0, false);
}
