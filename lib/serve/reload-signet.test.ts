import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { tempConfigDir } from '../config/__fixtures__/temp-config-dir';
import { reloadSignet, type ReloadLine } from './reload-signet';
import { createSignedFields } from './signed-fields';

// One directory for every load of a test file (the paths in the configuration stay equal).
let where: { baseDir: string; configDir: string } | null = null;
const load = (main: string, fields = 'include_fields = ["message"]\n') => {
  where ??= tempConfigDir();
  fs.writeFileSync(path.join(where.configDir, 'elastic_blockchain_proxy.toml'), main);
  fs.writeFileSync(path.join(where.configDir, 'elastic_blockchain_proxy_fields.toml'), fields);
  return loadConfig({ configDir: where.configDir, baseDir: where.baseDir, env: {} });
};

function deps(config = load('')) {
  const calls: string[] = [];
  const audited: unknown[] = [];
  const signedFields = createSignedFields(config.fields.includeFields);
  return {
    calls,
    signedFields,
    d: {
      config,
      signedFields,
      reloadTls: (): ReloadLine => (calls.push('tls'), { ok: true, message: 'tls' }),
      reloadIngestPassword: (): ReloadLine | null => (calls.push('password'), null),
      audit: (e: unknown) => void audited.push(e),
    },
    audited,
  };
}

describe('reloadSignet', () => {
  beforeEach(() => {
    where = null;
  });

  it('puts new signed fields in force, reads the files again, and names what needs a restart', () => {
    const x = deps();
    const { lines, restartPending } = reloadSignet(x.d, load('message_queue_size = 9\n', 'include_fields = ["message", "seq"]\n'));
    expect(restartPending).toEqual(['message_queue_size']);
    expect(x.signedFields.includeFields()).toEqual(['message', 'seq']);
    expect(x.calls).toEqual(['tls', 'password']);
    expect(x.audited).toEqual([{ action: 'config_change', target: 'elastic_blockchain_proxy_fields.toml', outcome: 'success', details: { trigger: 'SIGHUP', fieldsBefore: 1, fieldsAfter: 2, added: 1, removed: 0 } }]);
    expect(lines).toEqual([
      { ok: true, message: 'signed fields for new logs: message, seq (were: message)' },
      { ok: true, message: 'tls' },
      { ok: false, message: 'changed settings that apply only after a restart (still in use: the values Signet started with): message_queue_size' },
    ]);
  });

  it('unchanged configuration: only the files are read again', () => {
    const x = deps();
    expect(reloadSignet(x.d, load(''))).toEqual({ lines: [{ ok: true, message: 'tls' }], restartPending: [] });
    expect(x.audited).toEqual([]);
  });

  it('no configuration (it could not be read): only the files, the fields in use stay', () => {
    const x = deps();
    expect(reloadSignet(x.d, null)).toEqual({ lines: [{ ok: true, message: 'tls' }], restartPending: null });
    expect(x.signedFields.includeFields()).toEqual(['message']);
  });

  it('a list the selector refuses leaves the fields in use and says why', () => {
    const x = deps();
    const next = { ...load(''), fields: { includeFields: ['message', 'message'] } };
    const { lines } = reloadSignet(x.d, next);
    expect(lines[0]?.ok).toBe(false);
    expect(lines[0]?.message).toMatch(/^signed fields not changed, the list in use stays: /);
    expect(x.signedFields.includeFields()).toEqual(['message']);
  });
});
