/**
 * Runs the embedded store in a child process (child-main.ts) and supervises it: resolves once the
 * child listens, restarts it on the same port when it dies unexpectedly (clients see connection
 * errors meanwhile, so nothing is acknowledged that the store did not fsync), and closes it
 * cleanly on `close()`. The child exits by itself when this process goes away (see child-main.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { EmbeddedEsError, type EmbeddedEsErrorCode } from '../errors/embedded-es-error';
import type { EmbeddedEsLogger } from '../types';
import { isFromChild, type ChildStoreOptions, type ToChild } from './protocol';

export interface EmbeddedEsChildOptions {
  /** The bundled child entry (dist/embedded-es/child-main.cjs). */
  readonly entry: string;
  readonly dataDir: string;
  readonly host?: string;
  /** 0 picks a free port at first start; restarts reuse the port the first start got. */
  readonly port?: number;
  readonly maxContentLength?: number;
  /**
   * How long a start waits for a data directory still locked by a live process (default 10 s):
   * after a SIGKILL of the parent, the previous child needs a moment to notice and exit.
   */
  readonly lockWaitMs?: number;
  /** First delay before a restart (default 500 ms); doubles after each failed attempt, up to 10 s. */
  readonly restartDelayMs?: number;
  /** How long `close()` waits for the child to flush and exit before killing it (default 30 s). */
  readonly closeTimeoutMs?: number;
  readonly logger?: EmbeddedEsLogger;
}

export interface EmbeddedEsChild {
  readonly url: string;
  readonly port: number;
  /** The current child's pid (undefined while it is being restarted). */
  pid(): number | undefined;
  /** Asks the child to close (in-flight requests answered, log flushed, lock released) and waits. */
  close(): Promise<void>;
}

interface Running {
  readonly proc: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly exited: Promise<void>;
}

const MAX_RESTART_DELAY_MS = 10_000;
const CODES: readonly EmbeddedEsErrorCode[] = ['ERR_EMBEDDED_ES_OPTIONS', 'ERR_EMBEDDED_ES_CORRUPT', 'ERR_EMBEDDED_ES_IO'];

function startFailed(code: string, reason: string): EmbeddedEsError {
  const c = (CODES as readonly string[]).includes(code) ? (code as EmbeddedEsErrorCode) : 'ERR_EMBEDDED_ES_IO';
  return new EmbeddedEsError(c, { status: 500, type: 'embedded_store_start_failed', reason: `the embedded store process did not start: ${reason}` });
}

function spawnStore(o: EmbeddedEsChildOptions, port: number): Promise<Running> {
  const options: ChildStoreOptions = {
    dataDir: o.dataDir,
    host: o.host ?? '127.0.0.1',
    port,
    maxContentLength: o.maxContentLength ?? 100 * 1024 * 1024,
    lockWaitMs: o.lockWaitMs ?? 10_000,
  };
  // No inherited execArgv: flags meant for the parent (--cpu-prof, --inspect) must not clash.
  // Its own: a 64 MB young generation, as indexing allocates a short-lived tree per document.
  const proc = fork(o.entry, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--max-semi-space-size=64'], serialization: 'json' });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let settled = false;
    proc.on('message', (m: unknown) => {
      if (!isFromChild(m)) return;
      if (m.type === 'log') o.logger?.[m.level]?.(m.message, m.details);
      else if (!settled && m.type === 'listening') {
        settled = true;
        resolve({ proc, url: m.url, port: m.port, exited });
      } else if (!settled && m.type === 'start-failed') {
        settled = true;
        reject(startFailed(m.code, m.message));
      }
    });
    proc.once('error', (err) => {
      if (settled) return;
      settled = true;
      reject(startFailed('ERR_EMBEDDED_ES_IO', err.message));
    });
    proc.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      reject(startFailed('ERR_EMBEDDED_ES_IO', `it exited (${signal ?? `code ${code}`}) before listening`));
    });
  });
}

async function stopStore(r: Running, timeoutMs: number): Promise<void> {
  if (r.proc.exitCode !== null || r.proc.signalCode !== null) return;
  if (r.proc.connected) r.proc.send({ type: 'close' } satisfies ToChild);
  const timer = setTimeout(() => r.proc.kill('SIGKILL'), timeoutMs);
  await r.exited;
  clearTimeout(timer);
}

/**
 * Starts the store in a child process and keeps it running.
 * @throws EmbeddedEsError when the entry is missing or the first start fails (e.g. the data
 *   directory is still locked by a live process after `lockWaitMs`, or it is damaged).
 */
export async function startEmbeddedEsChild(o: EmbeddedEsChildOptions): Promise<EmbeddedEsChild> {
  if (!fs.existsSync(o.entry)) {
    throw new EmbeddedEsError('ERR_EMBEDDED_ES_OPTIONS', { status: 500, type: 'illegal_argument_exception', reason: `the embedded store's child entry [${o.entry}] does not exist (build it with \`npm run build:cli\`)` });
  }
  const baseDelay = o.restartDelayMs ?? 500;
  const closeTimeout = o.closeTimeoutMs ?? 30_000;
  const first = await spawnStore(o, o.port ?? 0);
  let current: Running | null = first;
  let closing = false;
  let delay = baseDelay;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | null = null;

  const watch = (r: Running): void => {
    r.proc.once('exit', (code, signal) => {
      if (closing || current !== r) return;
      current = null;
      o.logger?.error?.('the embedded store process exited unexpectedly; restarting it (writes fail until it is back)', { pid: r.proc.pid, exit: signal ?? code });
      schedule();
    });
  };
  const schedule = (): void => {
    timer = setTimeout(() => {
      restarting = spawnStore(o, first.port).then(
        async (r) => {
          restarting = null;
          if (closing) return stopStore(r, closeTimeout);
          current = r;
          delay = baseDelay;
          watch(r);
          o.logger?.warn?.('the embedded store process is back', { pid: r.proc.pid, url: r.url });
        },
        (err: unknown) => {
          restarting = null;
          if (closing) return;
          o.logger?.error?.('cannot restart the embedded store process; retrying', { error: err instanceof Error ? err.message : String(err), retryInMs: delay });
          delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
          schedule();
        },
      );
    }, delay);
  };
  watch(first);

  let closed: Promise<void> | undefined;
  return {
    url: first.url,
    port: first.port,
    pid: () => current?.proc.pid,
    close() {
      closed ??= (async () => {
        closing = true;
        clearTimeout(timer);
        await restarting;
        if (current !== null) await stopStore(current, closeTimeout);
      })();
      return closed;
    },
  };
}
