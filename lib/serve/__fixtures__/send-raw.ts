// A raw HTTP(S) client for tests that need exact control over what is sent (method, headers,
// Content-Length or chunked, bytes, client certificates) and a hard bound instead of a hang.
import http from 'node:http';
import https from 'node:https';

export interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

export interface RawRequest {
  readonly url: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array | string;
  /** Send without Content-Length (Transfer-Encoding: chunked). */
  readonly chunked?: boolean;
  readonly agent?: http.Agent;
  /** TLS options (ca, cert, key, servername…) for https URLs. */
  readonly tls?: https.RequestOptions;
  /** Fails the request instead of waiting longer (a hang is a failure). Default 30 s. */
  readonly timeoutMs?: number;
}

export function sendRaw(r: RawRequest): Promise<RawAnswer> {
  const url = new URL(r.url);
  const body = typeof r.body === 'string' ? Buffer.from(r.body) : Buffer.from(r.body ?? new Uint8Array(0));
  const headers: Record<string, string> = { ...r.headers };
  if (r.chunked !== true) headers['content-length'] = String(body.length);
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: r.method ?? 'POST', headers, ...(r.agent ? { agent: r.agent } : {}), ...(r.tls ?? {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${r.timeoutMs ?? 30_000} ms (hang)`)), r.timeoutMs ?? 30_000);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    if (r.chunked === true && body.length > 0) {
      // Several chunks, so that the server sees the size limit crossed while reading.
      const step = Math.max(1, Math.ceil(body.length / 4));
      for (let i = 0; i < body.length; i += step) req.write(body.subarray(i, i + step));
      req.end();
    } else {
      req.end(body);
    }
  });
}
