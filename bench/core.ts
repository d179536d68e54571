// npm run bench:core — signing and verification throughput of lib/chain on 1 KB logs, next to the
// raw floor measured in the same run: HMAC-SHA256 plus the SHA-256 key step over the very same
// canonical bytes, with the fastest Node primitives (createHmac; one-shot crypto.hash).
//
// Method: single thread; rounds of sign / verify / floor interleaved so that machine noise hits
// all three alike; each round is timed in process CPU time; medians are reported. The last stdout
// line is one JSON object.
import { createHmac, hash } from 'node:crypto';
import {
  canonicalize, checkEntries, compileFieldSelector, createSequenceVerifier, entryFromDocument, genesisHead, keyFromHex, parseJson, selectFields,
  signBatch, signingMessage, stringifyJson, type ChainHead, type JsonObject, type VerifyEntry,
} from '../lib/chain';
import { DEFAULT_INCLUDE_FIELDS } from '../lib/config';
import { syntheticLog } from '../lib/verify-workers';

const BATCH = 1000;
const ROUNDS = 11;
const BATCHES_PER_ROUND = 4;
const ACK = 'acknowledge-elproxysigned-bench-6_months-0';

interface Shape {
  name: string;
  includeFields: readonly string[];
  make: (i: number) => JsonObject;
}
const SHAPES: Shape[] = [
  // The headline: an ECS authentication event of 1 KB signed with the shipped include_fields.
  { name: 'ecs', includeFields: DEFAULT_INCLUDE_FIELDS, make: (i) => syntheticLog(i, 1024) },
  // El Proxy's own log shape (reference §2.2): a 1 KB "value" plus its origin, both signed.
  { name: 'message', includeFields: ['value', 'origin'], make: (i) => ({ value: `event ${i} `.padEnd(980, 'x'), origin: 'linux-apache2' }) },
];

function cpu(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1e6;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function measure(shape: Shape) {
  const selector = compileFieldSelector([...shape.includeFields]);
  // Logs as the ingest parser produces them (lossless model), one batch reused.
  const logs = Array.from({ length: BATCH }, (_, i) => parseJson(JSON.stringify(shape.make(i))) as JsonObject);
  const logBytes = logs.reduce((n, l) => n + stringifyJson(l).length, 0) / BATCH;

  // A signed batch, stored and read back as verification does (text → lossless parse → entries).
  const key0 = keyFromHex('5f3c9a1e7b2d4c6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7');
  const signed = signBatch(genesisHead(key0), logs, { selector, timestampMs: 1_700_000_000_000 }).signed;
  const entries: VerifyEntry[] = signed.map((s) => {
    const r = entryFromDocument(parseJson(stringifyJson({ ES_BLOCKCHAIN: s.blockchain as unknown as JsonObject })));
    if (!('entry' in r)) throw new Error(r.problem);
    return r.entry;
  });
  // The floor's input: exactly the bytes the MACs cover.
  const messages = signed.map((s) => Buffer.from(signingMessage({ fields: s.blockchain.fields, iteration: s.blockchain.iteration, previousHash: s.blockchain.previous_hash, timestampMs: s.blockchain.timestamp_ms })));
  const signedBytes = messages.reduce((n, m) => n + m.length, 0) / BATCH;
  if (canonicalize(selectFields(logs[0] as JsonObject, selector)).length === 0) throw new Error('nothing signed');

  let head: ChainHead = genesisHead(keyFromHex('0123456789abcdef'.repeat(4)));
  const sign = (): void => {
    for (let b = 0; b < BATCHES_PER_ROUND; b++) head = signBatch(head, logs, { selector, timestampMs: 1_700_000_000_000 }).head;
  };
  const verify = (): void => {
    for (let b = 0; b < BATCHES_PER_ROUND; b++) {
      const seq = createSequenceVerifier({ iteration: 0, previousHash: null, acknowledgeBlockchainId: ACK });
      seq.push(checkEntries(entries, { key: key0, iteration: 0 }));
      if (seq.finish(BATCH - 1).errors.length !== 0) throw new Error('verification of an intact batch failed');
    }
  };
  let k: Buffer = Buffer.from('0123456789abcdef'.repeat(4), 'latin1');
  const floor = (): void => {
    for (let b = 0; b < BATCHES_PER_ROUND; b++) {
      for (const m of messages) {
        createHmac('sha256', k).update(m).digest('hex');
        k = Buffer.from(hash('sha256', k, 'hex'), 'latin1');
      }
    }
  };
  sign(); verify(); floor(); // warm-up
  const t = { sign: [] as number[], verify: [] as number[], floor: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    t.sign.push(cpu(sign));
    t.verify.push(cpu(verify));
    t.floor.push(cpu(floor));
  }
  const perRound = BATCH * BATCHES_PER_ROUND;
  const rate = (xs: number[]) => perRound / median(xs);
  return { logBytes, signedBytes, sign: rate(t.sign), verify: rate(t.verify), floor: rate(t.floor) };
}

const results = Object.fromEntries(SHAPES.map((s) => [s.name, measure(s)]));
const r2 = (x: number) => Math.round(x * 100) / 100;
for (const [name, r] of Object.entries(results)) {
  process.stderr.write(
    `${name.padEnd(8)} log ${Math.round(r.logBytes)} B, signed ${Math.round(r.signedBytes)} B: sign ${Math.round(r.sign).toLocaleString('en-US')}/s, verify ${Math.round(r.verify).toLocaleString('en-US')}/s, ` +
      `floor ${Math.round(r.floor).toLocaleString('en-US')}/s → sign ${r2(r.sign / r.floor)}×, verify ${r2(r.verify / r.floor)}× (per CPU-second)\n`,
  );
}
const ecs = results.ecs!;
const msg = results.message!;
console.log(
  JSON.stringify({
    sign_logs_per_s: Math.round(ecs.sign),
    verify_logs_per_s: Math.round(ecs.verify),
    floor_logs_per_s: Math.round(ecs.floor),
    sign_ratio: r2(ecs.sign / ecs.floor),
    verify_ratio: r2(ecs.verify / ecs.floor),
    log_bytes: Math.round(ecs.logBytes),
    signed_bytes: Math.round(ecs.signedBytes),
    message_shape: { sign_logs_per_s: Math.round(msg.sign), verify_logs_per_s: Math.round(msg.verify), floor_logs_per_s: Math.round(msg.floor), sign_ratio: r2(msg.sign / msg.floor), verify_ratio: r2(msg.verify / msg.floor) },
    basis: 'process CPU time, single thread, median of 11 interleaved rounds',
  }),
);
