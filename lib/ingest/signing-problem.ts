import { canonicalize, selectFields, type FieldSelector, type JsonObject } from '../chain';

/**
 * Could hold a number literal whose canonical (plain decimal) form lib/chain refuses: an exponent
 * of three or more significant digits, or a run of 500 digits. Every literal canonicalize can
 * refuse matches (its plain form must exceed MAX_CANONICAL_NUMBER_LENGTH = 1100 characters, which
 * needs |exponent| ≥ 100 or about 1000 digits on one side of the point); text inside strings may
 * match too, which only costs the exact check below.
 */
const SUSPICIOUS_NUMBER = /[eE][+-]?0*[1-9]\d{2}|\d{500}/;

/**
 * Why signBatch would refuse `log` although its shape is fine, or null. For a parsed body the only
 * such case is a number in a signed field that has no canonical form within lib/chain's bound
 * (`1e2000`): nesting is bounded by the parser below canonicalize's limit and lone surrogates are
 * refused at parse time. Checked here because signBatch throws for the whole group commit, which
 * would fail every request sharing it (a 500 that Logstash retries forever); such a log is
 * rejected instead, like any other unsignable log. The exact check (select + canonicalize) runs
 * only when `raw` holds a suspicious literal, so ordinary logs pay a regular-expression test — or
 * nothing, when the parser kept no number of the body as a LosslessNumber (`literalNumbers`
 * false): a parsed JS number always has a canonical form (at most 309 digits and 324 decimals),
 * so only a LosslessNumber can be refused.
 */
export function signingProblem(log: JsonObject, raw: string, selector: FieldSelector, literalNumbers = true): string | null {
  if (!literalNumbers || !SUSPICIOUS_NUMBER.test(raw)) return null;
  try {
    canonicalize(selectFields(log, selector));
    return null;
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^\w+: /, '') : String(err);
    return `a signed field cannot be signed: ${detail}`;
  }
}
