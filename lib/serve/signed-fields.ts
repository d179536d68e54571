// The signed fields in force, swappable at run time (see the interface's comment for why it is safe).
import { compileFieldSelector, type FieldSelector } from '../chain';

/**
 * The `include_fields` in force, swappable at run time (the console's Configuration page saves
 * the file, then calls `replace`): new logs are signed with the new list, without a restart.
 *
 * Why this is safe (issue 7 item 6):
 * - The chain writer reads `selector()` ONCE per group commit, right before lib/chain's
 *   signBatch, so every log of a batch is signed with one list; a swap takes effect at the next
 *   commit. A log already signed keeps its fields: they are copied into its `ES_BLOCKCHAIN.fields`
 *   and covered by its hash, and everything after signing (outbox, bulk retries, the reduced
 *   re-index, the DLQ, `dlq recover`) re-sends the signed text byte for byte, never re-selects.
 * - Verification (lib/chain verify-entry, lib/verify) recomputes each MAC from the stored
 *   `ES_BLOCKCHAIN.fields` of that log, never from the configuration, so logs signed before and
 *   after a change verify alike in one chain.
 * - A log accepted but still waiting in a chain's queue is not signed yet: it is signed with the
 *   list in force when its batch commits. Ingest computed its canonical fields with the list in
 *   force when it arrived (lib/ingest prepareBody); the writer uses them only when that selector
 *   is still the one in force and selects again otherwise. In the rare case that a newly signed
 *   field holds a number with no canonical form, that batch fails with 5xx and the shipper's
 *   retry is then rejected cleanly.
 * - `replace` compiles first: an invalid list throws and the old selector stays in force.
 */
export interface SignedFields {
  /** The compiled selector in force (what the chain service and ingest call per commit). */
  selector(): FieldSelector;
  /** The list in force, in file order. */
  includeFields(): readonly string[];
  /** Puts `list` in force for subsequent commits. @throws {TypeError|RangeError} for an invalid list (nothing changes). */
  replace(list: readonly string[]): void;
}

export function createSignedFields(initial: readonly string[]): SignedFields {
  let list = Object.freeze([...initial]);
  let selector = compileFieldSelector([...list]);
  return {
    selector: () => selector,
    includeFields: () => list,
    replace(next) {
      const compiled = compileFieldSelector([...next]);
      list = Object.freeze([...next]);
      selector = compiled;
    },
  };
}
