/**
 * Worker-thread entry for verification work (bundled to dist/cli/verify-worker.cjs). It holds the
 * batches it generated and verifies them on request, reporting progress per batch.
 */
import { parentPort } from 'node:worker_threads';
import { generateBenchBatch, verifyStoredBatch, type StoredBatch } from './bench-batch';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort;
if (port === null) throw new Error('verify-worker must run in a worker thread');
const post = (m: FromWorker): void => port.postMessage(m);

let stored: StoredBatch[] = [];
let ackId = '';

port.on('message', (msg: ToWorker) => {
  try {
    if (msg.type === 'generate') {
      ackId = msg.acknowledgeBlockchainId;
      stored = msg.batches.map((spec) => generateBenchBatch(spec, msg.logSizeBytes));
      post({ type: 'generated', logs: stored.reduce((n, b) => n + b.spec.count, 0), bytes: stored.reduce((n, b) => n + b.ndjson.length, 0) });
    } else {
      const total = { logs: 0, bytes: 0, errors: 0, duplicates: 0, malformed: 0 };
      for (const batch of stored) {
        const r = verifyStoredBatch(batch, ackId);
        total.logs += r.logs;
        total.bytes += batch.ndjson.length;
        total.errors += r.errors;
        total.duplicates += r.duplicates;
        total.malformed += r.malformed;
        post({ type: 'progress', logs: r.logs });
      }
      stored = [];
      post({ type: 'verified', ...total });
    }
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
});
