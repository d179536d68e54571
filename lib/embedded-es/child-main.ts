/**
 * Entry of the embedded store's child process (bundled to dist/embedded-es/child-main.cjs and
 * forked by `signet serve` with `[embedded_elasticsearch] process = "child"`), so that the store
 * runs on a second core. The parent owns its lifetime: the child closes cleanly (in-flight
 * requests answered, log flushed, lock released) when the parent asks, and also when the parent
 * is gone (the IPC channel disconnects, even after a SIGKILL), so it never outlives `signet serve`.
 */
import type { ChildStoreOptions, FromChild } from './child/protocol';
import { startEmbeddedEs } from './start-embedded-es';
import type { EmbeddedEs, EmbeddedEsLogger } from './types';

/** Sends to the parent if it is still there; resolves once the message is handed to the channel. */
const send = (m: FromChild): Promise<void> =>
  new Promise((resolve) => {
    if (process.connected && process.send) process.send(m, undefined, {}, () => resolve());
    else resolve();
  });

// Once the parent is gone, its stderr (inherited) is the only place left to report to.
const report = (level: 'warn' | 'error', message: string, details?: Record<string, unknown>): void => {
  if (process.connected) void send({ type: 'log', level, message, details });
  else process.stderr.write(`signet embedded store (pid ${process.pid}): ${level}: ${message}${details ? ` ${JSON.stringify(details)}` : ''}\n`);
};

const logger: EmbeddedEsLogger = { warn: (m, d) => report('warn', m, d), error: (m, d) => report('error', m, d) };

function main(): void {
  if (process.send === undefined) {
    process.stderr.write('signet embedded store: this entry is started by `signet serve` (use `signet embedded-es` to run the store standalone)\n');
    process.exit(2);
  }
  const options = JSON.parse(process.argv[2] ?? '') as ChildStoreOptions;
  // A Ctrl-C in a terminal signals the whole process group: the parent still flushes its chains
  // into this store before it asks it to close, so the child does not stop on signals itself.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);

  const started: Promise<EmbeddedEs | null> = startEmbeddedEs({ ...options, logger }).catch(async (err: unknown) => {
    await send({ type: 'start-failed', code: (err as { code?: string }).code ?? 'ERR_EMBEDDED_ES_IO', message: err instanceof Error ? err.message : String(err) });
    return null;
  });
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void started
      .then((es) => es?.close())
      .then(
        () => 0,
        (err: unknown) => (report('error', 'closing the store failed', { error: String(err) }), 1),
      )
      .then((code) => process.exit(code));
  };
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'close') shutdown();
  });
  process.on('disconnect', shutdown);
  void started.then((es) => {
    if (es === null) process.exit(1);
    else if (!closing) void send({ type: 'listening', url: es.url, port: es.port });
  });
}

main();
