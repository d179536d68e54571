import { describe, expect, it } from 'vitest';
import type { LoggerConfig } from '../config';
import { createServiceLog, effectiveLevel } from './service-log';

const cfg = (defaultLevel: LoggerConfig['defaultLevel'], targets: LoggerConfig['targets'] = {}): LoggerConfig => ({ level: 'x', defaultLevel, targets });
const at = () => new Date('2026-12-07T18:23:00.123Z');

function lines(config: LoggerConfig): string[] {
  const out: string[] = [];
  const log = createServiceLog(config, (t) => void out.push(t), at);
  log('started');
  log('details', 'debug');
  log('store unreachable', 'warn');
  log('request failed', 'error');
  return out;
}

describe('service log', () => {
  it('writes time, level and target on each line; info when no level is given', () => {
    expect(lines(cfg('info'))).toEqual([
      '2026-12-07T18:23:00.123Z INFO  signet: started\n',
      '2026-12-07T18:23:00.123Z WARN  signet: store unreachable\n',
      '2026-12-07T18:23:00.123Z ERROR signet: request failed\n',
    ]);
  });

  it('filters by [logger] level, with El Proxy target directives', () => {
    expect(lines(cfg('warn')).map((l) => l.slice(25, 30))).toEqual(['WARN ', 'ERROR']);
    expect(lines(cfg('error'))).toHaveLength(1);
    expect(lines(cfg('debug'))).toHaveLength(4);
    // "warn,elastic_blockchain_proxy=debug": El Proxy's crate name means Signet's own lines.
    expect(effectiveLevel(cfg('warn', { elastic_blockchain_proxy: 'debug' }))).toBe('debug');
    expect(effectiveLevel(cfg('info', { signet: 'error', elastic_blockchain_proxy: 'debug' }))).toBe('error');
    expect(effectiveLevel(cfg('info', { hyper: 'trace' }))).toBe('info'); // another crate's filter
  });

  it('configure puts another filter in force at once (SIGHUP), for lines and for enabled()', () => {
    const out: string[] = [];
    const log = createServiceLog(cfg('info'), (t) => void out.push(t), at);
    log('hidden', 'debug');
    expect(log.enabled('debug')).toBe(false);
    log.configure(cfg('debug'));
    expect(log.enabled('debug')).toBe(true);
    log('shown', 'debug');
    log.configure(cfg('error'));
    log('hidden too', 'warn');
    expect(out).toEqual(['2026-12-07T18:23:00.123Z DEBUG signet: shown\n']);
  });
});
