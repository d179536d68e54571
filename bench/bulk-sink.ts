/**
 * The "fast store" of `bench:ingest` (run as `node dist/bench/bulk-sink.cjs --upstream <url>
 * --file <path>`): an Elasticsearch-compatible endpoint on 127.0.0.1 whose `_bulk` does only what
 * a store must do before it answers — append the request body to a file and fdatasync it, as a
 * translog does — and answers every item `201 created`, while every other request (Signet's
 * start-up: version, templates, ILM policies, the chains' highest stored iteration) goes to a real
 * embedded store at `--upstream`. Signet pointed at it shows what its own write path sustains per
 * chain when the store keeps up — a cluster on other machines — which a store indexing on the same
 * two cores cannot show. It costs a few µs of CPU per log; the benchmark measures its rate too.
 *
 * `_bulk` bodies must be `create` actions with their documents (what Signet and the baseline
 * send); anything else is refused with 400. The answer has the shape Signet asks for with
 * `filter_path=items.*.status,items.*.error`.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const HEADERS = { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' };
const CREATED = '{"create":{"status":201}}';
const ACTION = Buffer.from('{"create":');

/** Items of an NDJSON `create` bulk body (action + document lines), or an error message. */
export function countCreates(body: Buffer): number | string {
  if (body.length === 0 || body[body.length - 1] !== 0x0a) return 'the bulk body must end with a newline';
  let lines = 0;
  for (let at = 0; at < body.length; lines++) {
    if (lines % 2 === 0 && body.compare(ACTION, 0, ACTION.length, at, at + ACTION.length) !== 0) return `line ${lines + 1} is not a create action`;
    at = body.indexOf(0x0a, at) + 1;
  }
  return lines % 2 === 0 ? lines / 2 : 'the last create action has no document';
}

function answerBulk(fd: number, body: Buffer, res: http.ServerResponse): void {
  const n = countCreates(body);
  if (typeof n === 'string') {
    res.writeHead(400, HEADERS).end(JSON.stringify({ error: { type: 'illegal_argument_exception', reason: n }, status: 400 }));
    return;
  }
  fs.write(fd, body, 0, body.length, null, (werr) => {
    if (werr) return void res.writeHead(500, HEADERS).end(JSON.stringify({ error: { type: 'io_exception', reason: werr.message }, status: 500 }));
    fs.fdatasync(fd, (serr) => {
      if (serr) return void res.writeHead(500, HEADERS).end(JSON.stringify({ error: { type: 'io_exception', reason: serr.message }, status: 500 }));
      res.writeHead(200, HEADERS).end(`{"items":[${Array(n).fill(CREATED).join(',')}]}`);
    });
  });
}

function forward(upstream: URL, agent: http.Agent, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
  const up = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host }, agent }, (ur) => {
    res.writeHead(ur.statusCode ?? 502, ur.headers);
    ur.pipe(res);
  });
  up.on('error', (err) => res.writeHead(502, HEADERS).end(JSON.stringify({ error: { type: 'bad_gateway', reason: err.message }, status: 502 })));
  up.end(body);
}

function main(): void {
  const arg = (name: string): string => {
    const i = process.argv.indexOf(name);
    const v = i < 0 ? undefined : process.argv[i + 1];
    if (v === undefined) throw new Error(`bulk-sink: ${name} is required`);
    return v;
  };
  const upstream = new URL(arg('--upstream'));
  const fd = fs.openSync(arg('--file'), 'a', 0o600);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const bulk = req.method === 'POST' && /^\/(?:[^/?]+\/)?_bulk(?:\?|$)/.test(req.url ?? '');
      if (bulk && req.headers['content-encoding'] !== undefined) res.writeHead(400, HEADERS).end('{"error":{"type":"illegal_argument_exception","reason":"compressed bulk bodies are not supported by the sink"},"status":400}');
      else if (bulk) answerBulk(fd, body, res);
      else forward(upstream, agent, req, body, res);
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`bulk sink listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
  process.once('SIGTERM', () => {
    server.close();
    agent.destroy();
    server.closeAllConnections();
    fs.closeSync(fd);
  });
}

// Run as a program (the built entry), not when a test imports countCreates.
if (/bulk-sink\.c?js$/.test(process.argv[1] ?? '')) main();
