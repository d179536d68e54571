// Where the e2e server lives: shared by playwright.config.ts (which starts it) and the specs
// (which read the first-start passwords and the session key it was given). Everything is under
// one temporary directory, recreated at each run by e2e/start-signet.cjs.
import os from 'node:os';
import path from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** The embedded store of the e2e server (loopback only; e2e/start-signet.cjs): for fixing a DLQ cause, never used by the console. */
export const E2E_ES_URL = `http://127.0.0.1:${Number(process.env.E2E_ES_PORT ?? E2E_PORT + 1000)}`;
export const E2E_DIR = process.env.E2E_DIR ?? path.join(os.tmpdir(), `signet-e2e-${E2E_PORT}`);
export const E2E_CONFIG_DIR = path.join(E2E_DIR, 'config');
/** `console.session_secret_file`: the specs use it to forge expired and tampered sessions. */
export const E2E_SESSION_SECRET_FILE = path.join(E2E_DIR, 'session-secret');
export const E2E_PASSWORDS_FILE = path.join(E2E_DIR, 'data', 'console', 'idp', 'initial-passwords.txt');
