/**
 * Worker-thread entry for `signet verify` (bundled to dist/cli/verify-check-worker.cjs): checks
 * the pages the main thread hands it, one at a time, and wipes each key copy after use.
 */
import { parentPort } from 'node:worker_threads';
import { checkPage } from './check-page';
import type { CheckTask, CheckReply } from './check-protocol';

const port = parentPort;
if (port === null) throw new Error('verify-check-worker must run in a worker thread');

port.on('message', (task: CheckTask) => {
  let reply: CheckReply;
  try {
    reply = { id: task.id, result: checkPage(task) };
  } catch (err) {
    reply = { id: task.id, error: err instanceof Error ? err.message : String(err) };
  } finally {
    task.key.fill(0);
  }
  port.postMessage(reply);
});
