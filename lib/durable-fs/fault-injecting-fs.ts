import { nodeFs, type DurableFileHandle, type DurableFs } from './fs-seam';

/** Operations a fault can target: the {@link DurableFs} methods, and `handle.*` for file-handle calls. */
export type FsOp =
  | 'open' | 'rename' | 'link' | 'unlink' | 'mkdir' | 'chmod' | 'lstat' | 'readdir' | 'copyFile'
  | 'handle.read' | 'handle.write' | 'handle.stat' | 'handle.truncate' | 'handle.chmod' | 'handle.sync' | 'handle.datasync' | 'handle.close';

export interface FaultRule {
  op: FsOp;
  /** Which path (for handle ops: the path that was opened): exact string, RegExp or predicate; default any. */
  path?: string | RegExp | ((p: string) => boolean);
  /** errno code of the injected error (`ENOSPC`, `EIO`, `EACCES`, ...). */
  code: string;
  /** `handle.write` only: really write this many bytes first, then fail (a torn write). */
  partialBytes?: number;
  /** Let this many matching calls through before failing (default 0). */
  skip?: number;
  /** Fail this many times, then let calls through (default: always). */
  times?: number;
}

export interface FaultInjectingFs extends DurableFs {
  /** Every call made, in order (`op` and path), to assert what a module did or did not do. */
  readonly calls: { op: FsOp; path: string }[];
}

/**
 * Wraps a {@link DurableFs} so that chosen calls fail with a chosen errno: tests and fault drills
 * simulate a full disk, an I/O error or a denied directory without root tricks.
 * @example createFaultInjectingFs([{ op: 'rename', code: 'EIO' }])
 */
export function createFaultInjectingFs(rules: FaultRule[], base: DurableFs = nodeFs): FaultInjectingFs {
  const state = rules.map((rule) => ({ rule, seen: 0, failed: 0 }));
  const calls: { op: FsOp; path: string }[] = [];

  const match = (op: FsOp, p: string): FaultRule | null => {
    calls.push({ op, path: p });
    for (const s of state) {
      if (s.rule.op !== op || !pathMatches(s.rule.path, p)) continue;
      s.seen++;
      if (s.seen <= (s.rule.skip ?? 0)) continue;
      if (s.failed >= (s.rule.times ?? Infinity)) continue;
      s.failed++;
      return s.rule;
    }
    return null;
  };
  const check = (op: FsOp, p: string): void => {
    const rule = match(op, p);
    if (rule !== null) throw injected(rule.code, op, p);
  };

  const wrapHandle = (h: DurableFileHandle, p: string): DurableFileHandle => ({
    read: async (buf, off, len, pos) => (check('handle.read', p), h.read(buf, off, len, pos)),
    write: async (buf, off, len, pos) => {
      const rule = match('handle.write', p);
      if (rule === null) return h.write(buf, off, len, pos);
      const partial = Math.min(rule.partialBytes ?? 0, len);
      if (partial > 0) await h.write(buf, off, partial, pos);
      throw injected(rule.code, 'handle.write', p);
    },
    stat: async () => (check('handle.stat', p), h.stat()),
    truncate: async (len) => (check('handle.truncate', p), h.truncate(len)),
    chmod: async (mode) => (check('handle.chmod', p), h.chmod(mode)),
    sync: async () => (check('handle.sync', p), h.sync()),
    datasync: async () => (check('handle.datasync', p), h.datasync()),
    close: async () => {
      const rule = match('handle.close', p);
      await h.close(); // never leak the descriptor, even when reporting a failure
      if (rule !== null) throw injected(rule.code, 'handle.close', p);
    },
  });

  return {
    calls,
    open: async (p, flags, mode) => (check('open', p), wrapHandle(await base.open(p, flags, mode), p)),
    rename: async (a, b) => (check('rename', a), base.rename(a, b)),
    link: async (a, b) => (check('link', b), base.link(a, b)),
    unlink: async (p) => (check('unlink', p), base.unlink(p)),
    mkdir: async (p, mode) => (check('mkdir', p), base.mkdir(p, mode)),
    chmod: async (p, mode) => (check('chmod', p), base.chmod(p, mode)),
    lstat: async (p) => (check('lstat', p), base.lstat(p)),
    readdir: async (p) => (check('readdir', p), base.readdir(p)),
    copyFile: async (a, b, flags) => (check('copyFile', b), base.copyFile(a, b, flags)),
  };
}

function pathMatches(want: FaultRule['path'], p: string): boolean {
  if (want === undefined) return true;
  if (typeof want === 'string') return want === p;
  if (want instanceof RegExp) return want.test(p);
  return want(p);
}

function injected(code: string, op: FsOp, p: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected fault, ${op} '${p}'`), { code, syscall: op, path: p });
}
