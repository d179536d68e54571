import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCorruptionId, ErrorCode, keyFromHex, signBatch, compileFieldSelector, deriveKey, WarningCode, acknowledgeBlockchainId, type ChainIdentity } from '../chain';
import { startTestStore, type TestStore } from '../embedded-es/__fixtures__/test-store';
import { KEY0, chainOf, deleteLogs, duplicateLog, editLog, installTemplates, seedChain } from './__fixtures__/signed-chain';
import { verifyChain, type VerifyChainOptions } from './verify-chain';
import type { VerificationReport } from './report';

let store: TestStore;
let historyDir: string;

beforeAll(async () => {
  store = await startTestStore();
  await installTemplates(store.client);
  historyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-bsh-'));
});
afterAll(async () => {
  await store.close();
  fs.rmSync(historyDir, { recursive: true, force: true });
});

function verify(chain: ChainIdentity, o: Partial<VerifyChainOptions> = {}): Promise<VerificationReport> {
  return verifyChain({ client: store.client, chain, key0: keyFromHex(KEY0), retentionDays: 180, stateHistoryDir: historyDir, workerFile: null, indexingDelaySeconds: 0, batchSize: 7, ...o });
}

const ackId = (c: ChainIdentity) => acknowledgeBlockchainId(c);

describe('a clean chain', () => {
  it('verifies OK across pages, keeps big integers exact and writes the state history', async () => {
    const chain = chainOf('clean');
    await seedChain(store.client, chain, 30, { bigNumber: true });
    const r = await verify(chain);
    expect(r).toMatchObject({ status: 'ok', exit_status: 0, errors: [], warnings: [], logs_checked: 30, verified_from: 0, verified_to: 29, mode: 'full', state_history_updated: true });
    const bsh = JSON.parse(fs.readFileSync(path.join(historyDir, 'elproxysigned-clean-6_months-0.json'), 'utf8'));
    expect(Object.values(bsh.days)).toEqual([{ first_iteration: 0, last_iteration: 29 }]);
    expect(bsh.last_verified.iteration).toBe(29);
  });
});

describe('tampering with one log (El Proxy codes and CorruptionIds)', () => {
  it('an edited signed field is "Log Verification Wrong Hash" at exactly that iteration', async () => {
    const chain = chainOf('edit_field');
    const { hashes } = await seedChain(store.client, chain, 20);
    await editLog(store.client, chain, 5, (bc) => {
      (bc.fields as Record<string, unknown>).message = 'log 5 (edited)';
    });
    const r = await verify(chain);
    expect(r.status).toBe('critical');
    expect(r.exit_status).toBe(2);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: ErrorCode.LogWrongHash, type: 'Wrong Log Hash', iteration: 5, found_hash: hashes[5] });
    expect(r.errors[0]!.corruption_id).toBe(encodeCorruptionId({ from_iteration: 5, to_iteration: 5, previous_hash: hashes[4]!, acknowledge_blockchain_id: ackId(chain) }));
    expect(r.state_history_updated).toBe(false);
  });

  it('an edited hash is Wrong Hash at that log only (its successor still links)', async () => {
    const chain = chainOf('edit_hash');
    const { hashes } = await seedChain(store.client, chain, 20);
    await editLog(store.client, chain, 5, (bc) => {
      bc.hash = 'f'.repeat(64);
    });
    const r = await verify(chain);
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogWrongHash, iteration: 5, expected_hash: hashes[5], found_hash: 'f'.repeat(64) })]);
    expect(r.errors[0]!.corruption_id).toBe(encodeCorruptionId({ from_iteration: 5, to_iteration: 5, previous_hash: hashes[4]!, acknowledge_blockchain_id: ackId(chain) }));
  });

  it('an edited previous_hash breaks the MAC: Wrong Hash at that log', async () => {
    const chain = chainOf('edit_prev');
    const { hashes } = await seedChain(store.client, chain, 20);
    await editLog(store.client, chain, 8, (bc) => {
      bc.previous_hash = 'c'.repeat(64);
    });
    const r = await verify(chain);
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogWrongHash, iteration: 8 })]);
    expect(r.errors[0]!.corruption_id).toBe(encodeCorruptionId({ from_iteration: 8, to_iteration: 8, previous_hash: hashes[7]!, acknowledge_blockchain_id: ackId(chain) }));
  });

  it('a validly signed log that links to the wrong hash is "Log Verification Wrong Previous Hash"', async () => {
    const chain = chainOf('relinked');
    const { hashes } = await seedChain(store.client, chain, 20);
    // Someone holding key[6] re-signs log 6 onto another history: its MAC is valid, its link is not.
    const key6 = deriveKey(keyFromHex(KEY0), 6);
    const { signed } = signBatch({ key: key6, iteration: 6, previousHash: 'd'.repeat(64) }, [{ message: 'log 6' }], { selector: compileFieldSelector(['message']), timestampMs: 1_700_000_000_000 });
    await editLog(store.client, chain, 6, (bc) => Object.assign(bc, signed[0]!.blockchain));
    const r = await verify(chain);
    expect(r.errors.map((e) => [e.code, e.iteration])).toEqual([
      [ErrorCode.LogWrongPreviousHash, 6],
      [ErrorCode.LogWrongPreviousHash, 7], // log 7 links to the original log 6
    ]);
    expect(r.errors[0]).toMatchObject({ expected_previous_hash: hashes[5], found_previous_hash: 'd'.repeat(64) });
    expect(r.errors[0]!.corruption_id).toBe(encodeCorruptionId({ from_iteration: 6, to_iteration: 6, previous_hash: hashes[5]!, acknowledge_blockchain_id: ackId(chain) }));
  });

  it('an edited iteration leaves a hole and a bad log at the claimed iteration', async () => {
    const chain = chainOf('edit_iter');
    const { hashes } = await seedChain(store.client, chain, 20);
    await editLog(store.client, chain, 5, (bc) => {
      bc.iteration = 9;
    });
    const r = await verify(chain);
    expect(r.errors.map((e) => e.code)).toEqual([ErrorCode.LogBadIteration, ErrorCode.LogWrongHash]);
    expect(r.errors[0]).toMatchObject({ from_iteration: 5, to_iteration: 5 });
    expect(r.errors[0]!.corruption_id).toBe(encodeCorruptionId({ from_iteration: 5, to_iteration: 5, previous_hash: hashes[4]!, next_hash: hashes[6]!, acknowledge_blockchain_id: ackId(chain) }));
    expect(r.errors[1]).toMatchObject({ iteration: 9 });
    expect(r.errors[1]!.corruption_id).toBe(encodeCorruptionId({ from_iteration: 9, to_iteration: 9, previous_hash: hashes[8]!, acknowledge_blockchain_id: ackId(chain) }));
  });
});

describe('deleted logs', () => {
  it('one deleted log is "Log Verification Bad Iteration" with previous and next hash', async () => {
    const chain = chainOf('del_one');
    const { hashes } = await seedChain(store.client, chain, 20);
    await deleteLogs(store.client, chain, 7, 7);
    const r = await verify(chain);
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogBadIteration, type: 'Missing logs', from_iteration: 7, to_iteration: 7 })]);
    expect(r.errors[0]!.corruption_id).toBe(encodeCorruptionId({ from_iteration: 7, to_iteration: 7, previous_hash: hashes[6]!, next_hash: hashes[8]!, acknowledge_blockchain_id: ackId(chain) }));
  });

  it('a deleted range is one Bad Iteration error spanning it (across page boundaries)', async () => {
    const chain = chainOf('del_range');
    const { hashes } = await seedChain(store.client, chain, 30);
    await deleteLogs(store.client, chain, 5, 16);
    const r = await verify(chain);
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogBadIteration, from_iteration: 5, to_iteration: 16 })]);
    expect(r.errors[0]!.corruption_id).toBe(encodeCorruptionId({ from_iteration: 5, to_iteration: 16, previous_hash: hashes[4]!, next_hash: hashes[17]!, acknowledge_blockchain_id: ackId(chain) }));
    expect(r.logs_checked).toBe(18);
  });

  it('a deleted tail (after a verification) is caught through the state history', async () => {
    const chain = chainOf('del_tail');
    const { hashes } = await seedChain(store.client, chain, 20);
    expect((await verify(chain)).status).toBe('ok');
    await deleteLogs(store.client, chain, 17, 19);
    const r = await verify(chain);
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogBadIteration, from_iteration: 17, to_iteration: 19 })]);
    expect(r.errors[0]!.corruption_id).toBe(encodeCorruptionId({ from_iteration: 17, to_iteration: 19, previous_hash: hashes[16]!, next_hash: null, acknowledge_blockchain_id: ackId(chain) }));
  });
});

describe('duplicate iterations', () => {
  it('a duplicate with a valid signature is the warning "Duplicate Log Found" (exit 1)', async () => {
    const chain = chainOf('dup_valid');
    await seedChain(store.client, chain, 20);
    await duplicateLog(store.client, chain, 6);
    const r = await verify(chain);
    expect(r).toMatchObject({ status: 'warning', exit_status: 1, errors: [] });
    expect(r.warnings).toEqual([expect.objectContaining({ code: WarningCode.DuplicateLogFound, iterations: [6], message: 'The blockchain contains duplicate logs, on iterations: [6]' })]);
  });

  it('a duplicate with an invalid signature is Wrong Hash at that iteration, not a duplicate', async () => {
    const chain = chainOf('dup_invalid');
    const { hashes } = await seedChain(store.client, chain, 20);
    await duplicateLog(store.client, chain, 6, (bc) => {
      (bc.fields as Record<string, unknown>).message = 'forged';
    });
    const r = await verify(chain);
    expect(r.warnings).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogWrongHash, iteration: 6 })]);
    expect(r.errors[0]!.corruption_id).toBe(encodeCorruptionId({ from_iteration: 6, to_iteration: 6, previous_hash: hashes[5]!, acknowledge_blockchain_id: ackId(chain) }));
  });
});

describe('the head of a chain and the Blockchain State History', () => {
  const now = Date.UTC(2026, 5, 15, 12);
  // Logs 0–9 were signed 200 days ago (outside the 180-day retention), 10–29 in the last days.
  const ts = (i: number) => (i < 10 ? now - 200 * 86_400_000 : now - (3 - Math.floor((i - 10) / 7)) * 86_400_000);

  it('deleting the head inside the retention is Bad Iteration from the first expected iteration', async () => {
    const chain = chainOf('head_in');
    await seedChain(store.client, chain, 30, { timestampMs: ts });
    expect((await verify(chain, { now: () => now })).status).toBe('ok');
    await deleteLogs(store.client, chain, 10, 12);
    const r = await verify(chain, { now: () => now });
    expect(r.verified_from).toBe(10);
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogBadIteration, from_iteration: 10, to_iteration: 12 })]);
  });

  it('logs removed by retention (outside the window) are not an error', async () => {
    const chain = chainOf('head_out');
    await seedChain(store.client, chain, 30, { timestampMs: ts });
    expect((await verify(chain, { now: () => now })).status).toBe('ok');
    await deleteLogs(store.client, chain, 0, 9);
    const r = await verify(chain, { now: () => now });
    expect(r).toMatchObject({ status: 'ok', errors: [], warnings: [], verified_from: 10, verified_to: 29 });
  });

  it('without a state history, a chain not starting at 0 is "Untrusted First Iteration No State History"', async () => {
    const chain = chainOf('head_nobsh');
    await seedChain(store.client, chain, 30, { timestampMs: ts });
    await deleteLogs(store.client, chain, 0, 9);
    const r = await verify(chain, { now: () => now });
    expect(r.status).toBe('warning');
    expect(r.warnings.map((w) => w.code)).toEqual([WarningCode.UntrustedFirstIterationNoStateHistory]);
    // The run succeeded, so the history now vouches for iteration 10: the warning goes away.
    expect((await verify(chain, { now: () => now })).status).toBe('ok');
  });

  it('all logs deleted after a verification is "Empty Blockchain Corruption" (no CorruptionId)', async () => {
    const chain = chainOf('all_gone');
    await seedChain(store.client, chain, 5);
    expect((await verify(chain)).status).toBe('ok');
    await deleteLogs(store.client, chain, 0, 4);
    const r = await verify(chain);
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.EmptyBlockchainCorruption, corruption_id: null })]);
  });

  it('a history older than the retention whose logs are all gone gives "Empty Blockchain"', async () => {
    const chain = chainOf('stale_empty');
    await seedChain(store.client, chain, 30, { timestampMs: ts });
    expect((await verify(chain, { now: () => now })).status).toBe('ok');
    await deleteLogs(store.client, chain, 0, 29);
    const r = await verify(chain, { now: () => now + 400 * 86_400_000 });
    expect(r).toMatchObject({ status: 'warning', errors: [] });
    expect(r.warnings.map((w) => w.code)).toEqual([WarningCode.EmptyBlockchain]);
  });

  it('a history older than the retention gives "Untrusted First Iteration Insufficient Info"', async () => {
    const chain = chainOf('stale_bsh');
    await seedChain(store.client, chain, 30, { timestampMs: ts });
    const later = now + 400 * 86_400_000; // everything is now older than the retention
    expect((await verify(chain, { now: () => now })).status).toBe('ok');
    // The history's latest day (1 day before `now`) starts at 24; the first log left is 27.
    await deleteLogs(store.client, chain, 0, 26);
    const r = await verify(chain, { now: () => later });
    expect(r.warnings.map((w) => w.code)).toEqual([WarningCode.UntrustedFirstIterationInsufficientInfo]);
    expect(r).toMatchObject({ verified_from: 27, errors: [] });
  });
});
