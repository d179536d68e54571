import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKey, encodeCorruptionId, ErrorCode, keyFromHex, signAcknowledgement, WarningCode, acknowledgeBlockchainId, type ChainIdentity } from '../chain';
import { startTestStore, type TestStore } from '../embedded-es/__fixtures__/test-store';
import { DAY, KEY0, OTHER_KEY0, chainOf, deleteLogs, editLog, installTemplates, seedChain, streamOf } from './__fixtures__/signed-chain';
import { acknowledgeCorruption } from './acknowledge-corruption';
import { acknowledgeRange } from './acknowledge-range';
import { acknowledgementDocId } from './acknowledgement-writes';
import { verifyChain, type VerifyChainOptions } from './verify-chain';
import { VerifyError } from './verify-error';
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
  return verifyChain({ client: store.client, chain, key0: keyFromHex(KEY0), retentionDays: 180, stateHistoryDir: historyDir, workerFile: null, indexingDelaySeconds: 0, batchSize: 8, ...o });
}

function ack(corruptionId: string, o: { key?: string; description?: string } = {}) {
  return acknowledgeCorruption({ client: store.client, key0: keyFromHex(o.key ?? KEY0), corruptionId, description: o.description ?? 'DLQ lost during disk failure', reason: 'ticket OPS-1', actor: 'auditor.alice', nowMs: Date.UTC(2026, 0, 2) });
}

async function expectCode(p: Promise<unknown>, code: VerifyError['code']): Promise<VerifyError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(VerifyError);
  expect((err as VerifyError).code).toBe(code);
  return err as VerifyError;
}

describe('acknowledge, then verify', () => {
  it('an acknowledged corruption is reported as acknowledged and the run is clean', async () => {
    const chain = chainOf('ack_ok');
    await seedChain(store.client, chain, 20);
    await deleteLogs(store.client, chain, 4, 6);
    const before = await verify(chain);
    expect(before.errors).toHaveLength(1);
    const id = before.errors[0]!.corruption_id!;
    const { acknowledgement, index } = await ack(id);
    expect(index).toBe('acknowledge-elproxysigned-ack_ok-6_months-0');
    expect(acknowledgement).toMatchObject({ corruption_id: id, from_iteration: 4, to_iteration: 6, acknowledged_by: 'auditor.alice', reason: 'ticket OPS-1' });
    const stored = await store.client.get({ index, id: acknowledgementDocId(id) });
    expect(stored._source).toEqual(acknowledgement);
    const after = await verify(chain);
    expect(after).toMatchObject({ status: 'ok', exit_status: 0, errors: [], state_history_updated: true });
    expect(after.acknowledged).toEqual([
      expect.objectContaining({ code: ErrorCode.LogBadIteration, corruption_id: id, acknowledgement: expect.objectContaining({ acknowledged_by: 'auditor.alice', reason: 'ticket OPS-1', acknowledged_at: '2026-01-02T00:00:00.000Z' }) }),
    ]);
    // One corruption, one acknowledgement.
    await expectCode(ack(id), 'ERR_VERIFY_ALREADY_ACKNOWLEDGED');
  });

  it('a tampered acknowledgement is "Acknowledgement Verification Wrong Hash" and acknowledges nothing', async () => {
    const chain = chainOf('ack_forged');
    await seedChain(store.client, chain, 20);
    await editLog(store.client, chain, 9, (bc) => {
      (bc.fields as Record<string, unknown>).message = 'edited';
    });
    const id = (await verify(chain)).errors[0]!.corruption_id!;
    const { index } = await ack(id);
    await store.client.update({ index, id: acknowledgementDocId(id), doc: { reason: 'nothing to see here' }, refresh: true });
    const r = await verify(chain);
    expect(r.acknowledged).toEqual([]);
    expect(r.errors.map((e) => e.code)).toEqual([ErrorCode.LogWrongHash, ErrorCode.AckWrongHash]);
    expect(r.errors[1]).toMatchObject({ corruption_id: id, acknowledgement_id: acknowledgementDocId(id), type: 'Wrong Acknowledgement Hash' });
  });

  it('an acknowledgement forged without the key (or signed with another chain\'s key) is Wrong Hash', async () => {
    const chain = chainOf('ack_nokey');
    await seedChain(store.client, chain, 12);
    await deleteLogs(store.client, chain, 3, 3);
    const id = (await verify(chain)).errors[0]!.corruption_id!;
    const forged = signAcknowledgement({ corruption_id: id, description: 'x', reason: 'y', acknowledged_by: 'mallory', acknowledged_at_ms: 1 }, deriveKey(keyFromHex(OTHER_KEY0), 3));
    await store.client.index({ index: acknowledgeBlockchainId(chain), id: 'forged', document: forged, refresh: true });
    const r = await verify(chain);
    expect(r.errors.map((e) => e.code)).toEqual([ErrorCode.LogBadIteration, ErrorCode.AckWrongHash]);
    expect(r.status).toBe('critical');
  });

  it('a validly signed acknowledgement placed on the wrong range is "Acknowledgement Verification Wrong Previous Hash"', async () => {
    const chain = chainOf('ack_misplaced');
    const { hashes } = await seedChain(store.client, chain, 12);
    // Signed with the right key, but for a range whose previous log has another hash.
    const misplacedId = encodeCorruptionId({ from_iteration: 5, to_iteration: 5, previous_hash: hashes[3]!, acknowledge_blockchain_id: acknowledgeBlockchainId(chain) });
    const misplaced = signAcknowledgement({ corruption_id: misplacedId, description: 'x', reason: 'y', acknowledged_by: 'bob', acknowledged_at_ms: 1 }, deriveKey(keyFromHex(KEY0), 5));
    await store.client.index({ index: acknowledgeBlockchainId(chain), id: 'misplaced', document: misplaced, refresh: true });
    const r = await verify(chain);
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.AckWrongPreviousHash, corruption_id: misplacedId, acknowledgement_id: 'misplaced' })]);
    // acknowledge refuses to write such an acknowledgement in the first place.
    await expectCode(ack(misplacedId), 'ERR_VERIFY_INPUT');
  });

  it('refuses bad input before writing anything', async () => {
    const chain = chainOf('ack_input');
    await seedChain(store.client, chain, 6);
    await deleteLogs(store.client, chain, 2, 2);
    const id = (await verify(chain)).errors[0]!.corruption_id!;
    expect((await expectCode(ack('not a corruption id'), 'ERR_VERIFY_INPUT')).message).toMatch(/invalid CorruptionId/);
    await expectCode(ack(id, { key: OTHER_KEY0 }), 'ERR_VERIFY_WRONG_KEY');
    await expectCode(ack(id, { description: 'x'.repeat(5000) }), 'ERR_VERIFY_INPUT');
    const unknown = encodeCorruptionId({ from_iteration: 1, to_iteration: 1, previous_hash: 'a'.repeat(64), acknowledge_blockchain_id: 'acknowledge-elproxysigned-nobody-6_months-0' });
    await expectCode(ack(unknown), 'ERR_VERIFY_UNKNOWN_CHAIN');
    const beyond = encodeCorruptionId({ from_iteration: 1e15, to_iteration: 1e15, previous_hash: 'a'.repeat(64), acknowledge_blockchain_id: acknowledgeBlockchainId(chain) });
    await expectCode(ack(beyond), 'ERR_VERIFY_INPUT');
    expect(await store.client.indices.exists({ index: acknowledgeBlockchainId(chain) })).toBe(false);
  });
});

describe('acknowledge-range', () => {
  const t0 = Date.UTC(2026, 2, 1);
  const ts = (i: number) => t0 + Math.floor(i / 5) * DAY; // 5 logs a day

  it('acknowledges every corruption in [from, to), catching a hole at the from boundary', async () => {
    const chain = chainOf('ack_range');
    await seedChain(store.client, chain, 30, { timestampMs: ts });
    await deleteLogs(store.client, chain, 10, 11); // the first logs of day 2: a hole at `from`
    await editLog(store.client, chain, 17, (bc) => {
      bc.hash = '0'.repeat(64);
    });
    await deleteLogs(store.client, chain, 26, 26); // after `to`: stays an error
    const now = () => t0 + 10 * DAY;
    const before = await verify(chain, { now });
    expect(before.errors.map((e) => e.code)).toEqual([ErrorCode.LogBadIteration, ErrorCode.LogWrongHash, ErrorCode.LogBadIteration]);
    const r = await acknowledgeRange({
      client: store.client, chain, key0: keyFromHex(KEY0), fromMs: t0 + 2 * DAY, toMs: t0 + 4 * DAY, description: 'restore', reason: 'approved', actor: 'dpo', nowMs: 1, workerFile: null, batchSize: 4,
    });
    expect(r.fromIteration).toBe(9); // the last log signed before --from
    expect(r.corruptions).toBe(2);
    expect(r.outcome.created).toEqual([before.errors[0]!.corruption_id, before.errors[1]!.corruption_id]);
    const after = await verify(chain, { now });
    expect(after.acknowledged.map((a) => a.code)).toEqual([ErrorCode.LogBadIteration, ErrorCode.LogWrongHash]);
    expect(after.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogBadIteration, from_iteration: 26, to_iteration: 26 })]);
    // Running it again writes nothing new.
    const again = await acknowledgeRange({ client: store.client, chain, key0: keyFromHex(KEY0), fromMs: t0 + 2 * DAY, toMs: t0 + 4 * DAY, description: 'restore', reason: 'approved', actor: 'dpo', nowMs: 2, workerFile: null });
    expect(again.outcome).toMatchObject({ created: [], alreadyAcknowledged: r.outcome.created });
  });
});

describe('acknowledge-range refusals', () => {
  const base = { description: 'd', reason: 'r', actor: 'dpo', nowMs: 1, workerFile: null, fromMs: 0, toMs: Date.now() };
  it('refuses an unknown chain, another chain\'s key, bad texts and an empty range, writing nothing', async () => {
    await expectCode(acknowledgeRange({ ...base, client: store.client, chain: chainOf('nobody_r'), key0: keyFromHex(KEY0) }), 'ERR_VERIFY_UNKNOWN_CHAIN');
    const chain = chainOf('ack_range_bad');
    await seedChain(store.client, chain, 20);
    await deleteLogs(store.client, chain, 5, 5);
    await expectCode(acknowledgeRange({ ...base, client: store.client, chain, key0: keyFromHex(OTHER_KEY0) }), 'ERR_VERIFY_WRONG_KEY');
    await expectCode(acknowledgeRange({ ...base, client: store.client, chain, key0: keyFromHex(KEY0), actor: ' ' }), 'ERR_VERIFY_INPUT');
    await expectCode(acknowledgeRange({ ...base, client: store.client, chain, key0: keyFromHex(KEY0), fromMs: 5, toMs: 5 }), 'ERR_VERIFY_INPUT');
    expect(await store.client.indices.exists({ index: acknowledgeBlockchainId(chain) })).toBe(false);
  });
});

describe('incremental verification', () => {
  it('verifies only the new logs after checking the boundary, and says since when the rest is verified', async () => {
    const chain = chainOf('incr');
    const seeded = await seedChain(store.client, chain, 25);
    const full = await verify(chain, { incremental: true });
    expect(full).toMatchObject({ mode: 'full', incremental_fallback: expect.stringMatching(/no verified boundary/) });
    await seedChain(store.client, chain, 10, { head: seeded.head });
    const inc = await verify(chain, { incremental: true });
    expect(inc).toMatchObject({ mode: 'incremental', status: 'ok', verified_from: 25, verified_to: 34, logs_checked: 10, last_full_verification_at: full.finished_at, incremental_fallback: null });
    // Nothing new: still a valid run over an empty range.
    expect(await verify(chain, { incremental: true })).toMatchObject({ mode: 'incremental', status: 'ok', logs_checked: 0 });
    // Tampering with the boundary forces a full run that finds it.
    await editLog(store.client, chain, 34, (bc) => {
      (bc.fields as Record<string, unknown>).message = 'rewritten';
    });
    const fallback = await verify(chain, { incremental: true });
    expect(fallback).toMatchObject({ mode: 'full', verified_from: 0, incremental_fallback: expect.stringMatching(/boundary log 34 changed/) });
    expect(fallback.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogWrongHash, iteration: 34 })]);
  });

  it('continues from the sealed key checkpoint, and from key[0] when the checkpoint is damaged', async () => {
    const chain = chainOf('incr_cp');
    const seeded = await seedChain(store.client, chain, 12);
    expect((await verify(chain)).status).toBe('ok');
    const file = path.join(historyDir, 'elproxysigned-incr_cp-6_months-0.json');
    const bsh = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(bsh.key_checkpoint).toMatchObject({ iteration: 11, nonce: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(fs.readFileSync(file, 'utf8')).not.toContain(KEY0);
    const more = await seedChain(store.client, chain, 3, { head: seeded.head });
    expect(await verify(chain, { incremental: true })).toMatchObject({ mode: 'incremental', status: 'ok', verified_from: 12, logs_checked: 3 });
    const next = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(next.key_checkpoint.iteration).toBe(14);
    fs.writeFileSync(file, JSON.stringify({ ...next, key_checkpoint: { ...next.key_checkpoint, tag: '00'.repeat(16) } }));
    await seedChain(store.client, chain, 2, { head: more.head });
    expect(await verify(chain, { incremental: true })).toMatchObject({ mode: 'incremental', status: 'ok', verified_from: 15, logs_checked: 2 });
  });

  it('a new log that is bad is found by the incremental run', async () => {
    const chain = chainOf('incr_bad');
    const seeded = await seedChain(store.client, chain, 10);
    expect((await verify(chain)).status).toBe('ok');
    await seedChain(store.client, chain, 5, { head: seeded.head });
    await deleteLogs(store.client, chain, 12, 12);
    const r = await verify(chain, { incremental: true });
    expect(r).toMatchObject({ mode: 'incremental', verified_from: 10 });
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogBadIteration, from_iteration: 12, to_iteration: 12 })]);
  });
});

describe('no verdict possible', () => {
  it('an unknown chain, a wrong key, a damaged state history and an unreachable store are errors, not results', async () => {
    await expectCode(verify(chainOf('never_seen')), 'ERR_VERIFY_UNKNOWN_CHAIN');
    const chain = chainOf('wrong_key');
    await seedChain(store.client, chain, 10);
    await expectCode(verify(chain, { key0: keyFromHex(OTHER_KEY0) }), 'ERR_VERIFY_WRONG_KEY');
    fs.writeFileSync(path.join(historyDir, 'elproxysigned-wrong_key-6_months-0.json'), '{"version":1');
    expect((await expectCode(verify(chain), 'ERR_VERIFY_IO')).message).toMatch(/state history .* is damaged/);
    fs.rmSync(path.join(historyDir, 'elproxysigned-wrong_key-6_months-0.json'));
    const { Client } = await import('@elastic/elasticsearch');
    const dead = new Client({ node: 'http://127.0.0.1:9', maxRetries: 0 });
    await expectCode(verify(chain, { client: dead }), 'ERR_VERIFY_STORE');
  });

  it('an empty chain without history is the warning "Unknown First Iteration"', async () => {
    const chain = chainOf('empty_new');
    await store.client.indices.createDataStream({ name: streamOf(chain) });
    const r = await verify(chain);
    expect(r).toMatchObject({ status: 'warning', exit_status: 1, errors: [] });
    expect(r.warnings.map((w) => w.code)).toEqual([WarningCode.UnknownFirstIteration]);
  });
});

describe('the indexing delay', () => {
  it('repeats the verification while the log after a gap is younger than the delay', async () => {
    const chain = chainOf('delay');
    let clock = Date.now();
    await seedChain(store.client, chain, 10, { timestampMs: () => clock - 1000 });
    await deleteLogs(store.client, chain, 4, 4);
    const sleeps: number[] = [];
    const r = await verify(chain, { indexingDelaySeconds: 5, now: () => clock, sleep: async (ms) => { sleeps.push(ms); clock += ms; } });
    // The log after the gap was signed 1 s before the start: it may still be indexing for 4 s more.
    expect(sleeps).toEqual([2000, 2000]);
    expect(r.errors).toEqual([expect.objectContaining({ code: ErrorCode.LogBadIteration, from_iteration: 4, to_iteration: 4 })]);
  });
});
