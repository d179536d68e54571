import { Worker } from 'node:worker_threads';
import type { FieldSelector } from '../chain';
import { IngestError } from './ingest-error';
import { unpackLogs } from './packed-logs';
import { decodeBody } from './parse-logs';
import { prepareBody, type PreparedLog } from './prepare-body';
import type { PrepareReply, PrepareTask } from './prepare-protocol';

/** A prepared body, with the selector its canonical fields were computed with (if any). */
export interface PreparedBody {
  readonly logs: PreparedLog[];
  readonly selector: FieldSelector | undefined;
}

/** Prepares a request body (prepare-body.ts), here or on a worker thread. @throws {IngestError} */
export type PrepareFn = (body: Buffer, kind: 'batch' | 'single') => Promise<PreparedBody>;

export interface PreparePoolOptions {
  /** Worker threads (0: every body is prepared on this thread). */
  readonly workers: number;
  /** The bundled worker entry (dist/cli/ingest-prepare-worker.cjs); null: no workers. */
  readonly workerFile: string | null;
  /** Default `event.module` (config `module`). */
  readonly module: string;
  /** The signed fields in force, read once per body; absent: no canonical fields are computed. */
  readonly fields?: () => { readonly selector: FieldSelector; readonly includeFields: readonly string[] };
  /** Smaller bodies are prepared on this thread: the hand-off costs more than it saves. */
  readonly minWorkerBytes?: number;
  /** A worker died (its bodies are prepared on this thread instead). */
  readonly onWorkerExit?: (message: string) => void;
}

export interface PreparePool {
  readonly prepare: PrepareFn;
  /** Live worker threads. */
  threads(): number;
  close(): Promise<void>;
}

/** Below this, a body is prepared inline (a 125-log Logstash batch of small logs is ~20 KB). */
export const MIN_WORKER_BYTES = 16 * 1024;
/** After this many worker deaths the pool stops starting new ones. */
const MAX_RESTARTS = 5;

/** Prepares on this thread (one body per macrotask, like the worker would). */
export function inlinePrepare(module: string, selector?: () => FieldSelector): PrepareFn {
  return async (body, kind) => {
    const sel = selector?.();
    return { logs: prepareBody(body, kind, module, sel), selector: sel };
  };
}

interface Pending {
  readonly body: Buffer;
  readonly kind: 'batch' | 'single';
  readonly selector: FieldSelector | undefined;
  readonly resolve: (b: PreparedBody) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Ingest's parsing, routing and canonicalization on worker threads, so that the server's thread
 * keeps only what must run in order there: the key chain, the MACs, the outbox and the store.
 * Results are identical to preparing inline (same pure code); a worker that dies has its bodies
 * prepared inline and is replaced (up to {@link MAX_RESTARTS} times), so no request is lost or
 * answered differently because of it. Each body goes to the worker with the fewest pending.
 */
export function createPreparePool(o: PreparePoolOptions): PreparePool {
  const minBytes = o.minWorkerBytes ?? MIN_WORKER_BYTES;
  const slots: { worker: Worker; pending: Map<number, Pending> }[] = [];
  let nextId = 0;
  let restarts = 0;
  let closed = false;

  const inline = (p: Pending): void => {
    try {
      p.resolve({ logs: prepareBody(p.body, p.kind, o.module, p.selector), selector: p.selector });
    } catch (err) {
      p.reject(err);
    }
  };

  const start = (file: string): void => {
    const worker = new Worker(file);
    worker.unref();
    const slot = { worker, pending: new Map<number, Pending>() };
    slots.push(slot);
    let failure = '';
    worker.on('message', (reply: PrepareReply) => {
      const p = slot.pending.get(reply.id);
      if (p === undefined) return;
      slot.pending.delete(reply.id);
      if ('packed' in reply) {
        try {
          p.resolve({ logs: unpackLogs(decodeBody(p.body), reply.packed), selector: p.selector });
        } catch (err) {
          p.reject(err);
        }
      } else if (reply.error.code !== null) p.reject(new IngestError(reply.error.code, reply.error.message));
      else p.reject(new Error(`ingest prepare worker: ${reply.error.message}`));
    });
    worker.on('error', (err) => {
      failure = err.message;
    });
    worker.on('exit', (code) => {
      slots.splice(slots.indexOf(slot), 1);
      const orphans = [...slot.pending.values()];
      slot.pending.clear();
      if (!closed) {
        o.onWorkerExit?.(`an ingest prepare worker exited (code ${code}${failure === '' ? '' : `: ${failure}`}); its ${orphans.length} bodies are prepared on the server's thread`);
        if (restarts < MAX_RESTARTS) {
          restarts++;
          start(file);
        }
      }
      for (const p of orphans) setImmediate(() => inline(p));
    });
  };
  if (o.workerFile !== null) for (let i = 0; i < o.workers; i++) start(o.workerFile);

  return {
    prepare(body, kind) {
      const f = o.fields?.();
      return new Promise<PreparedBody>((resolve, reject) => {
        const p: Pending = { body, kind, selector: f?.selector, resolve, reject };
        if (closed || slots.length === 0 || body.byteLength < minBytes) return inline(p);
        let slot = slots[0] as (typeof slots)[number];
        for (const s of slots) if (s.pending.size < slot.pending.size) slot = s;
        const id = nextId++;
        // Its own ArrayBuffer (a pooled Buffer shares one), moved to the worker without a copy there;
        // `body` stays here in case the worker dies.
        const copy = new Uint8Array(body.byteLength);
        copy.set(body);
        const task: PrepareTask = { id, kind, body: copy, module: o.module, includeFields: f === undefined ? null : f.includeFields };
        slot.pending.set(id, p);
        slot.worker.postMessage(task, [copy.buffer]);
      });
    },
    threads: () => slots.length,
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
