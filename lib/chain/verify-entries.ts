import { checkEntries, type VerifyEntry } from './verify-entry';
import { createSequenceVerifier, type SequenceResult, type SequenceStart } from './sequence-verifier';

/**
 * Single-threaded verification of one run of entries: {@link checkEntries} then the sequence
 * rules. `key` is the key for `start.iteration`. Large verifications split the MAC work across
 * worker threads and feed the verdicts to `createSequenceVerifier` themselves.
 * @example const r = verifyEntries(entries, { key: key0, iteration: 0, previousHash: null, acknowledgeBlockchainId: 'acknowledge-elproxysigned-acme-6_months-0' })
 */
export function verifyEntries(
  entries: readonly VerifyEntry[],
  options: SequenceStart & { key: Uint8Array; endIteration?: number; maxGap?: number },
): SequenceResult {
  const seq = createSequenceVerifier(options);
  const checkOptions = options.maxGap === undefined ? { key: options.key, iteration: options.iteration } : { key: options.key, iteration: options.iteration, maxGap: options.maxGap };
  seq.push(checkEntries(entries, checkOptions));
  return seq.finish(options.endIteration);
}
