import { describe, expect, it } from 'vitest';
import { expectConfigError, tempConfigDir } from './__fixtures__/temp-config-dir';
import { loadConfig } from './load-config';
import { checkRetentionName } from './retention-schema';

function load(files: Record<string, string>) {
  const { baseDir, configDir } = tempConfigDir(files);
  return loadConfig({ configDir, baseDir, env: {} });
}

describe('retention policies', () => {
  it('defaults to El Proxy\'s set plus one_week, 2_years as the fallback', () => {
    const { retention } = load({});
    expect(retention.default).toBe('2_years');
    expect(Object.values(retention.policies)).toEqual([
      { name: 'one_week', days: 7 },
      { name: '3_months', days: 90 },
      { name: '6_months', days: 180 },
      { name: '1_year', days: 365 },
      { name: '2_years', days: 730 },
      { name: 'infinite', days: null },
    ]);
    // Null prototype: a name lookup never hits Object.prototype.
    expect(retention.policies.constructor).toBeUndefined();
  });

  it('replaces the built-in set with the file\'s table, and adds drop-ins in name order', () => {
    const { retention } = load({
      'retention_policies.toml': 'default = "1_month"\n[retentions]\n1_month = 30\n',
      'retention_policies.d/20-b.toml': '[retentions]\nten_years = 3650\n1_month = 31\n',
      'retention_policies.d/10-a.toml': '[retentions]\n1_month = 29\nkeep = "never"\n',
      'retention_policies.d/README': 'not toml',
    });
    expect(retention.default).toBe('1_month');
    expect(Object.keys(retention.policies).sort()).toEqual(['1_month', 'keep', 'ten_years']);
    expect(retention.policies['1_month']?.days).toBe(31);
    expect(retention.policies.keep?.days).toBeNull();
  });

  it('keeps the built-in set when only drop-ins add retentions', () => {
    const { retention } = load({ 'retention_policies.d/custom.toml': '[retentions]\n1_month = 30\n' });
    expect(retention.policies['1_month']?.days).toBe(30);
    expect(retention.policies['2_years']?.days).toBe(730);
  });

  it.each([
    ['6-months', 'only a-z'],
    ['Six', 'only a-z'],
    ['a.b', 'only a-z'],
    ['', 'only a-z'],
    ['default', 'reserved'],
    ['x'.repeat(65), 'at most 64'],
  ])('rejects the name %j', (name, fragment) => {
    expect(checkRetentionName(name)).toContain(fragment);
  });

  it('reports bad names, bad durations and an undefined default, each with its file', () => {
    const { problems } = expectConfigError(() =>
      load({
        'retention_policies.toml': 'default = "5_years"\nretention = 1\n[retentions]\n"6 months" = 180\nweek = 0\n',
        'retention_policies.d/x.toml': '[retentions]\nmonth = "forever"\n',
      }),
    );
    expect(problems.map((p) => `${p.source} | ${p.key} | ${p.message}`)).toEqual([
      'config/retention_policies.toml | retentions.week | expected a number of days (1-36500) or "never", got 0',
      'config/retention_policies.d/x.toml | retentions.month | expected a number of days (1-36500) or "never", got "forever"',
      'config/retention_policies.toml | retention | unknown key (did you mean "retentions"?)',
      'config/retention_policies.toml | retentions."6 months" | retention names may contain only a-z, 0-9 and "_", got "6 months"',
      'config/retention_policies.toml | default | names no defined retention: "5_years" (defined: 6 months, week, month)',
    ]);
  });

  it('requires at least one retention', () => {
    const { problems } = expectConfigError(() => load({ 'retention_policies.toml': 'default = "x"\n[retentions]\n' }));
    expect(problems.map((p) => p.key)).toEqual(['retentions']);
  });
});
