import type { JsonObject } from '../chain';

/**
 * Deterministic ECS-like logs of a chosen size, for benchmarks (no randomness: log `i` is always
 * the same, so runs are comparable). The fields are those of an SSH authentication event; the
 * `message` is padded so that the serialized log is `sizeBytes` long (± a few bytes).
 */
export function syntheticLog(i: number, sizeBytes: number): JsonObject {
  const user = USERS[i % USERS.length] as string;
  const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const log: JsonObject = {
    '@timestamp': new Date(1_700_000_000_000 + i * 1000).toISOString(),
    message: '',
    host: { name: `web-${String(i % 97).padStart(2, '0')}.example.com`, ip: '192.0.2.10' },
    event: { category: 'authentication', action: 'ssh_login', outcome: i % 11 === 0 ? 'failure' : 'success', module: 'system' },
    user: { name: user },
    source: { ip, port: 40000 + (i % 20000) },
    process: { name: 'sshd', pid: 1000 + (i % 30000) },
    log: { level: 'info' },
    EBP_METADATA: { agent: { type: 'filebeat', version: '8.13.4' }, customer: 'bench', retention: '6_months', blockchain_tag: '0' },
  };
  const base = `Accepted publickey for ${user} from ${ip} port ${40000 + (i % 20000)} ssh2: ED25519 SHA256:`;
  const overhead = JSON.stringify(log).length;
  const room = Math.max(0, sizeBytes - overhead - base.length);
  log.message = base + FILLER.repeat(Math.ceil(room / FILLER.length)).slice(0, room);
  return log;
}

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const FILLER = 'n0Zx8Kq1vR4mT7yB2wE5uI9oP3aS6dF0gH4jL7kC1bN8mV5xZ2qW9eR3tY6uI0o';

