import net from 'node:net';

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export type ListenAddress = { ok: true; host: string; port: number } | { ok: false; message: string };

/**
 * Parses `host:port` as El Proxy's `web_server.address`: an IPv4 address, a hostname, or an IPv6
 * address in brackets (`[::1]:3000`), and a port 0–65535 (0 = any free port, handy for tests).
 */
export function parseListenAddress(value: string): ListenAddress {
  const fail = (why: string): ListenAddress => ({ ok: false, message: `expected host:port (${why}), got ${JSON.stringify(value)}` });
  let host: string;
  let portText: string;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close === -1 || value[close + 1] !== ':') return fail('IPv6 as [addr]:port');
    host = value.slice(1, close);
    portText = value.slice(close + 2);
    if (!net.isIPv6(host)) return fail(`${JSON.stringify(host)} is not an IPv6 address`);
  } else {
    const colon = value.lastIndexOf(':');
    if (colon === -1) return fail('missing port');
    host = value.slice(0, colon);
    portText = value.slice(colon + 1);
    if (host.includes(':')) return fail('put IPv6 addresses in brackets, e.g. [::1]:3000');
    if (!net.isIPv4(host) && !HOSTNAME.test(host)) return fail(`${JSON.stringify(host)} is not an IPv4 address or hostname`);
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65_535) return fail('port must be 0-65535');
  return { ok: true, host, port: Number(portText) };
}
