/**
 * Worker-thread entry of the ingest prepare pool (bundled to dist/cli/ingest-prepare-worker.cjs):
 * prepares the bodies the server's thread hands it (prepare-body.ts), one at a time.
 */
import { parentPort } from 'node:worker_threads';
import { compileFieldSelector, type FieldSelector } from '../chain';
import { IngestError } from './ingest-error';
import { packLogs } from './packed-logs';
import { prepareBody } from './prepare-body';
import type { PrepareReply, PrepareTask } from './prepare-protocol';

const port = parentPort;
if (port === null) throw new Error('ingest-prepare-worker must run in a worker thread');

// The list changes only when an operator saves new include_fields: compile it once per list.
let compiled: { key: string; selector: FieldSelector } | null = null;

port.on('message', (task: PrepareTask) => {
  let reply: PrepareReply;
  try {
    let selector: FieldSelector | undefined;
    if (task.includeFields !== null) {
      const key = JSON.stringify(task.includeFields);
      if (compiled?.key !== key) compiled = { key, selector: compileFieldSelector([...task.includeFields]) };
      selector = compiled.selector;
    }
    const body = Buffer.from(task.body.buffer, task.body.byteOffset, task.body.byteLength);
    const packed = packLogs(prepareBody(body, task.kind, task.module, selector));
    reply = { id: task.id, packed };
    port.postMessage(reply, [packed.spans.buffer as ArrayBuffer, packed.targetOf.buffer as ArrayBuffer]);
  } catch (err) {
    reply = { id: task.id, error: { code: err instanceof IngestError ? err.code : null, message: err instanceof Error ? err.message : String(err) } };
    port.postMessage(reply);
  }
});
