import { Worker } from 'node:worker_threads';
import { checkPage, type PageCheckRequest, type PageCheckResult } from './check-page';
import type { CheckReply, CheckTask } from './check-protocol';

/** Where MAC checks run: a pool of worker threads, or this thread (tests, tiny chains). */
export interface CheckPool {
  /** Checks one page. The pool owns `req.key` from now on and wipes it after use. */
  check(req: PageCheckRequest): Promise<PageCheckResult>;
  close(): Promise<void>;
}

/**
 * A pool of `workers` threads running `workerFile` (the bundled check-worker), each checking one
 * page at a time; pages queue until a worker is free. With `workerFile` null the pages are
 * checked on this thread, one per macrotask so that reads keep flowing.
 */
export function createCheckPool(o: { workers: number; workerFile: string | null }): CheckPool {
  if (o.workerFile === null || o.workers < 1) return inThreadPool();
  const file = o.workerFile;
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const pending = new Map<number, { resolve: (r: PageCheckResult) => void; reject: (e: Error) => void }>();
  const queue: CheckTask[] = [];
  let nextId = 0;
  let failure: Error | null = null;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const w = idle.pop() as Worker;
      const task = queue.shift() as CheckTask;
      // Both buffers move to the worker: the key no longer exists on this thread afterwards.
      w.postMessage(task, [task.body.buffer as ArrayBuffer, task.key.buffer as ArrayBuffer]);
    }
  };
  const failAll = (err: Error): void => {
    failure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  for (let i = 0; i < o.workers; i++) {
    const w = new Worker(file);
    w.on('message', (reply: CheckReply) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      idle.push(w);
      if (p) {
        if ('error' in reply) p.reject(new Error(`page check failed: ${reply.error}`));
        else p.resolve(reply.result);
      }
      dispatch();
    });
    w.on('error', (err) => failAll(err));
    w.on('exit', (code) => {
      if (code !== 0 && failure === null) failAll(new Error(`a verification worker exited with code ${code}`));
    });
    all.push(w);
    idle.push(w);
  }
  return {
    check(req) {
      if (failure !== null) return Promise.reject(failure);
      const id = nextId++;
      // Copy the body into its own ArrayBuffer (pooled Buffers share one) so it can be transferred.
      const body = new Uint8Array(req.body.byteLength);
      body.set(req.body);
      // A pooled Buffer shares its ArrayBuffer: transfer only a key that owns its buffer alone.
      let key = req.key;
      if (key.byteOffset !== 0 || key.buffer.byteLength !== key.byteLength) {
        key = Uint8Array.from(req.key);
        req.key.fill(0);
      }
      const task: CheckTask = { id, body, key, keyIteration: req.keyIteration };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        queue.push(task);
        dispatch();
      });
    },
    async close() {
      failure ??= new Error('the check pool is closed');
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

function inThreadPool(): CheckPool {
  return {
    check: (req) =>
      new Promise((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(checkPage(req));
          } catch (err) {
            reject(err as Error);
          } finally {
            req.key.fill(0);
          }
        }),
      ),
    async close() {},
  };
}
