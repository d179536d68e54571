// The console's Corruptions page over lib/verify, exactly as `signet acknowledge` and
// `signet acknowledge-range` use it: the same validation (nothing is written for bad input),
// the same signed, create-only acknowledgement documents, the same `acknowledge` audit action.
// The uploaded iteration-0 key file is decoded into a buffer for that one call, checked with
// parseKeyFile, and every buffer holding it is wiped before the call returns or throws; it is
// never stored, logged, audited or returned.
import fs from 'node:fs';
import type { LogLine } from '../config';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { ConsoleActor, ConsoleCorruptionsService } from '../auth';
import { acknowledgeBlockchainId, decodeCorruptionId, wipeKey } from '../chain';
import type { AcknowledgeInput } from '../shared';
import { acknowledgeCorruption, acknowledgementDocId, acknowledgeRange, parseKeyFile } from '../verify';
import { deriveCorruptions } from './derive-corruptions';
import { readLatestReports, readStoredAcks } from './read-corruptions';

const KEY_LABEL = 'the uploaded key file';

/** The uploaded key file → the iteration-0 key (caller wipes it). @throws VerifyError ERR_VERIFY_KEY_FILE */
function keyFromUpload(base64: string): Uint8Array {
  const raw = Buffer.from(base64, 'base64');
  try {
    return parseKeyFile(raw, KEY_LABEL);
  } finally {
    raw.fill(0);
  }
}

const codeOf = (err: unknown): string => {
  const c = (err as { code?: unknown }).code;
  return typeof c === 'string' && c.startsWith('ERR_') ? c : 'ERR_INTERNAL';
};

/** The acknowledgement index a CorruptionId names, or '' when it does not decode (audit target). */
function targetOf(corruptionId: string): string {
  try {
    return decodeCorruptionId(corruptionId.trim()).acknowledge_blockchain_id;
  } catch {
    return '';
  }
}

async function record(by: ConsoleActor, target: string, outcome: 'success' | 'failure', details: Record<string, string | number | boolean>, log: LogLine): Promise<void> {
  await by.audit.append({ user: { name: by.name, roles: by.roles }, action: 'acknowledge', target, outcome, details }).catch((err: unknown) => log(`audit: acknowledge by ${by.name} not recorded: ${(err as Error).message}`, 'error'));
}

/**
 * @param deps.workerFile lib/verify's check worker (`dist/cli/verify-check-worker.cjs` next to the
 *   bundled server); null checks in this thread.
 */
export function createConsoleCorruptionsService(deps: { client: Client; log: LogLine; workerFile?: string | null }): ConsoleCorruptionsService {
  const bundled = path.join(__dirname, 'verify-check-worker.cjs');
  const workerFile = deps.workerFile !== undefined ? deps.workerFile : fs.existsSync(bundled) ? bundled : null;
  return {
    async list() {
      const [reports, acks] = await Promise.all([readLatestReports(deps.client), readStoredAcks(deps.client)]);
      return deriveCorruptions(reports, acks);
    },

    async acknowledge(input: AcknowledgeInput, by) {
      const corruptionId = input.corruptionId.trim();
      // Never the CorruptionId's text beyond a sane length in the audit record.
      const details = { corruption_id: corruptionId.slice(0, 600) };
      let key0: Uint8Array | null = null;
      try {
        key0 = keyFromUpload(input.keyFile);
        const { acknowledgement: a, index } = await acknowledgeCorruption({ client: deps.client, key0, corruptionId, description: input.description, reason: input.reason, actor: by.name, nowMs: Date.now() });
        const documentId = acknowledgementDocId(a.corruption_id);
        await record(by, index, 'success', { ...details, from_iteration: a.from_iteration, to_iteration: a.to_iteration }, deps.log);
        return {
          chain: index.slice('acknowledge-'.length),
          index,
          documentId,
          corruptionId: a.corruption_id,
          fromIteration: a.from_iteration,
          toIteration: a.to_iteration,
          acknowledgedBy: a.acknowledged_by,
          acknowledgedAt: new Date(a.acknowledged_at_ms).toISOString(),
        };
      } catch (err) {
        await record(by, targetOf(corruptionId), 'failure', { ...details, code: codeOf(err) }, deps.log);
        throw err;
      } finally {
        if (key0 !== null) wipeKey(key0);
      }
    },

    async acknowledgeRange(input, by) {
      const index = acknowledgeBlockchainId(input.chain);
      const fromMs = Date.parse(input.from);
      const toMs = Date.parse(input.to);
      const details = { range: true, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
      let key0: Uint8Array | null = null;
      try {
        key0 = keyFromUpload(input.keyFile);
        const r = await acknowledgeRange({ client: deps.client, chain: input.chain, key0, fromMs, toMs, description: input.description, reason: input.reason, actor: by.name, nowMs: Date.now(), workerFile });
        const o = r.outcome;
        await record(by, r.index, o.failed.length > 0 ? 'failure' : 'success', { ...details, corruptions: r.corruptions, acknowledged: o.created.length, already_acknowledged: o.alreadyAcknowledged.length, failed: o.failed.length }, deps.log);
        return { chain: r.chain, index: r.index, fromIteration: r.fromIteration, toIteration: r.toIteration, corruptions: r.corruptions, acknowledged: o.created, alreadyAcknowledged: o.alreadyAcknowledged, failed: o.failed };
      } catch (err) {
        await record(by, index, 'failure', { ...details, code: codeOf(err) }, deps.log);
        throw err;
      } finally {
        if (key0 !== null) wipeKey(key0);
      }
    },
  };
}
