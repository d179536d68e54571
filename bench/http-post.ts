// The benchmarks' HTTP client: one POST on a keep-alive agent, the answer read whole and timed
// (request sent → last byte read), as a shipper sees it.
import http from 'node:http';

export interface PostAnswer {
  readonly status: number;
  readonly text: string;
  readonly ms: number;
}

export function postBody(agent: http.Agent, url: string, pathAndQuery: string, body: Buffer, contentType: string): Promise<PostAnswer> {
  const u = new URL(url);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: pathAndQuery, method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
