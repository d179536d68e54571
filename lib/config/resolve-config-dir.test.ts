import { describe, expect, it } from 'vitest';
import { resolveConfigDir } from './resolve-config-dir';

describe('resolveConfigDir', () => {
  it('prefers the flag, then SIGNET_CONFIG_DIR, then ./config', () => {
    expect(resolveConfigDir('/etc/flag', { SIGNET_CONFIG_DIR: '/etc/env' }, '/srv')).toBe('/etc/flag');
    expect(resolveConfigDir(undefined, { SIGNET_CONFIG_DIR: '/etc/env' }, '/srv')).toBe('/etc/env');
    expect(resolveConfigDir(undefined, {}, '/srv')).toBe('/srv/config');
  });

  it('treats empty values as unset and resolves relative paths against cwd', () => {
    expect(resolveConfigDir('', { SIGNET_CONFIG_DIR: 'conf' }, '/srv')).toBe('/srv/conf');
    expect(resolveConfigDir(undefined, { SIGNET_CONFIG_DIR: '' }, '/srv')).toBe('/srv/config');
    expect(resolveConfigDir('../other', {}, '/srv/app')).toBe('/srv/other');
  });
});
