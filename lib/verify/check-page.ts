import { DEFAULT_MAX_DEPTH, checkEntries, entryFromDocument, isPlainObject, parseJson, type EntryCheck, type VerifyEntry } from '../chain';

/** What a worker (or the main thread) needs to check one page read from the store. */
export interface PageCheckRequest {
  /** The raw `_search` response body (parsed losslessly here: big numbers keep their digits). */
  readonly body: Uint8Array;
  /** The chain key of `keyIteration`, which is ≤ every iteration on the page. Not modified. */
  readonly key: Uint8Array;
  readonly keyIteration: number;
}

/** A document that cannot be placed in the chain (its slot shows as missing). */
export interface UnplacedDocument {
  readonly index: string;
  readonly id: string;
  readonly problem: string;
}

export interface PageCheckResult {
  /** MAC verdicts in iteration order. */
  readonly checks: EntryCheck[];
  /** Parallel to `checks`: signing time (`timestamp_ms`) when it is a valid integer, else null. */
  readonly timestamps: (number | null)[];
  readonly unplaced: UnplacedDocument[];
  readonly hits: number;
}

// The response wraps `_source` in five levels (root, hits, hits[], hit, _source) and a signed log
// may itself nest up to the parser's default depth.
const MAX_DEPTH = DEFAULT_MAX_DEPTH + 8;

/**
 * Parses a page of hits and recomputes every MAC (lib/chain `checkEntries`). Runs in a worker
 * thread; pure apart from that. Stored documents are attacker-controlled: anything unusable is
 * reported in `unplaced`, never thrown.
 * @throws {RangeError} only when the body is not a search response (a store bug, not tampering).
 */
export function checkPage(req: PageCheckRequest): PageCheckResult {
  const text = Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength).toString('utf8');
  const root = parseJson(text, { maxDepth: MAX_DEPTH });
  const hits = isPlainObject(root) && isPlainObject(root.hits) ? root.hits.hits : undefined;
  if (hits === undefined) return { checks: [], timestamps: [], unplaced: [], hits: 0 };
  if (!Array.isArray(hits)) throw new RangeError('the search response holds no hits array');
  const placed: { entry: VerifyEntry }[] = [];
  const unplaced: UnplacedDocument[] = [];
  for (const hit of hits) {
    const index = isPlainObject(hit) && typeof hit._index === 'string' ? hit._index : '?';
    const id = isPlainObject(hit) && typeof hit._id === 'string' ? hit._id : '?';
    const r = entryFromDocument(isPlainObject(hit) ? hit._source : undefined);
    if ('problem' in r) unplaced.push({ index, id, problem: r.problem });
    else if (r.entry.iteration < req.keyIteration) unplaced.push({ index, id, problem: `iteration ${r.entry.iteration} sorts after ${req.keyIteration} in the store` });
    else placed.push({ entry: r.entry });
  }
  // The store sorts on the indexed iteration; _source is what is judged. They agree for every
  // placeable document, but a stable sort makes checkEntries' order requirement hold regardless.
  placed.sort((a, b) => a.entry.iteration - b.entry.iteration);
  const checks = checkEntries(
    placed.map((p) => p.entry),
    { key: req.key, iteration: req.keyIteration },
  );
  const timestamps = placed.map(({ entry: { timestampMs: t } }) => (typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 ? t : null));
  return { checks, timestamps, unplaced, hits: hits.length };
}
