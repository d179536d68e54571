import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { ConfigError } from '../config-error';
import type { ConfigProblem } from '../config-error';

/**
 * A fresh base directory (`<tmp>/signet-config-XXXX`) with an empty `config/` inside, filled
 * from `files` (relative path → content). Returns both absolute paths. Call it inside a test:
 * the directory is removed when the test finishes.
 */
export function tempConfigDir(files: Record<string, string> = {}): { baseDir: string; configDir: string } {
  const baseDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'signet-config-')));
  onTestFinished(() => fs.rmSync(baseDir, { recursive: true, force: true }));
  const configDir = path.join(baseDir, 'config');
  fs.mkdirSync(configDir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(configDir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return { baseDir, configDir };
}

/** Runs `fn`, expects a ConfigError with `code`, and returns its problems. */
export function expectConfigError(fn: () => unknown, code: ConfigError['code'] = 'ERR_CONFIG_INVALID'): { error: ConfigError; problems: readonly ConfigProblem[] } {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  const error = caught as ConfigError;
  expect(error.code).toBe(code);
  return { error, problems: error.problems };
}
