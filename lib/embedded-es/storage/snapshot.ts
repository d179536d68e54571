/**
 * Snapshots: the whole state written as framed op groups ending with an `end` op, to a temporary
 * file that is fsynced and atomically renamed, then the directory is fsynced. A snapshot without
 * its `end` op or with a bad frame was never renamed into place by us, so it is corruption.
 */
import { promises as fsp } from 'node:fs';
import { EmbeddedEsError } from '../errors/embedded-es-error';
import { frame, scanFrames } from './frame';
import { fsyncDir, snapshotPath } from './fs-utils';
import { decodeOps, encodeOps } from './op-codec';
import type { Op } from './ops';

const OPS_PER_FRAME = 2000;

/** Writes snapshot `gen` atomically. */
export async function writeSnapshot(dir: string, gen: number, ops: Iterable<Op>): Promise<number> {
  const final = snapshotPath(dir, gen);
  const tmp = `${final}.tmp`;
  const fh = await fsp.open(tmp, 'w', 0o600);
  let bytes = 0;
  try {
    let batch: Op[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const parts = frame(encodeOps(batch));
      batch = [];
      await fh.writev(parts);
      for (const p of parts) bytes += p.length;
    };
    for (const op of ops) {
      batch.push(op);
      if (batch.length >= OPS_PER_FRAME || op.o === 'end') await flush();
    }
    await flush();
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fsp.rename(tmp, final);
  await fsyncDir(dir);
  return bytes;
}

/** Replays snapshot `gen` through `apply`, validating it as it goes. */
export async function replaySnapshot(dir: string, gen: number, apply: (op: Op) => void): Promise<number> {
  const file = snapshotPath(dir, gen);
  const buf = await fsp.readFile(file);
  const scan = scanFrames(buf);
  let ended = false;
  let docs = 0;
  for (const p of scan.payloads) {
    for (const op of decodeOps(p, false)) {
      if (op.o === 'end') ended = true;
      else if (op.o === 'doc') docs++;
      apply(op);
    }
  }
  if (scan.damaged || !ended) {
    throw new EmbeddedEsError('ERR_EMBEDDED_ES_CORRUPT', {
      status: 500,
      type: 'corrupt_state_exception',
      reason: `snapshot [${file}] is damaged (valid bytes ${scan.validEnd} of ${buf.length})`,
    });
  }
  return docs;
}
