/**
 * Text analysis approximating Elasticsearch's standard analyzer: Unicode letter/digit runs,
 * lowercased. Good enough for `match` and `query_string` on `text` fields.
 */
const WORD = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}]+)*/gu;

export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) out.push(m[0]);
  return out;
}

/** Whitespace analyzer (fields mapped with `analyzer: whitespace`). */
export function analyzeWhitespace(text: string): string[] {
  return text.split(/\s+/).filter((t) => t !== '');
}
