import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished } from 'vitest';
import type { DurableFs } from '../../durable-fs';
import { createDlq, type CreateDlqOptions, type Dlq } from '../create-dlq';
import { DlqError, type DlqErrorCode } from '../dlq-error';

export interface TempDlq {
  readonly base: string;
  readonly dlqDir: string;
  readonly recoveredDir: string;
  readonly dlq: Dlq;
  /** Sets the clock used for file names. */
  setNow(iso: string): void;
  /** Reads a file under dlqDir as text. */
  text(rel: string): string;
  /** Every path under `base` (relative, sorted), to assert that nothing was written. */
  tree(): string[];
}

/**
 * A DLQ over a fresh temp folder (`<tmp>/signet-dlq-XXXX/{dlq,dlq_recovered}`), removed when the
 * test finishes. The DLQ folders themselves are not created: the module must create them.
 */
export function tempDlq(options: { fs?: DurableFs; now?: string; retries?: CreateDlqOptions['retries'] } = {}): TempDlq {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'signet-dlq-')));
  onTestFinished(() => fs.rmSync(base, { recursive: true, force: true }));
  const dlqDir = path.join(base, 'dlq');
  const recoveredDir = path.join(base, 'dlq_recovered');
  let now = new Date(options.now ?? '2024-03-05T10:00:00Z');
  const dlq = createDlq({ dlqDir, dlqRecoveredDir: recoveredDir, now: () => now, ...(options.fs ? { fs: options.fs } : {}), ...(options.retries ? { retries: options.retries } : {}) });
  return {
    base,
    dlqDir,
    recoveredDir,
    dlq,
    setNow: (iso) => {
      now = new Date(iso);
    },
    text: (rel) => fs.readFileSync(path.join(dlqDir, rel), 'utf8'),
    tree: () => (fs.readdirSync(base, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).sort(),
  };
}

/** Awaits `promise`, expects a DlqError with `code`, returns it. */
export async function expectDlqError(promise: Promise<unknown>, code: DlqErrorCode): Promise<DlqError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(DlqError);
  expect((caught as DlqError).code).toBe(code);
  return caught as DlqError;
}

/** A signed-log text with values a JS double cannot hold verbatim. */
export const BIG_DOC = '{"n":9007199254740993,"price":1.50,"msg":"héllo \\"q\\"","EBP_METADATA":{"customer":"acme"},"ES_BLOCKCHAIN":{"iteration":7}}';
