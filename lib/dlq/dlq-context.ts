import path from 'node:path';
import type { DurableFs } from '../durable-fs';
import type { DlqLocation } from './dlq-names';

/** What every DLQ operation needs; built once by `createDlq`. */
export interface DlqContext {
  readonly dlqDir: string;
  readonly dlqRecoveredDir: string;
  readonly now: () => Date;
  readonly fs: DurableFs;
}

/** Absolute path of a located DLQ file. */
export function absolutePath(ctx: DlqContext, loc: DlqLocation): string {
  return path.join(ctx.dlqDir, ...loc.dirs, loc.name);
}
