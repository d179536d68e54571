// Generates vectors.json ONCE. The committed file is normative test data: never regenerate it
// silently — a change in any hash means the signing format changed (a new format version).
// Run: npx esbuild lib/chain/__fixtures__/generate-vectors.ts --bundle --platform=node --outfile=/tmp/gen.cjs && node /tmp/gen.cjs > lib/chain/__fixtures__/vectors.json
import {
  canonicalNumberLiteral, canonicalize, compileFieldSelector, deriveKey, encodeCorruptionId, headFromKeyFile, headToKeyFile, keyFromHex, keyToHex,
  parseJson, signAcknowledgement, signBatch, signingMessage, type JsonObject,
} from '../index';

const KEY0 = '5f3c9a1e7b2d4c6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';

const numbers = ['0', '-0', '1', '-1', '1.50', '1e3', '1E+3', '12.340e1', '0.1', '1e-7', '-0.0000012e2', '9007199254740993', '-12345678901234567890123', '1E+21', '0.10000000000000000555', '123456789.000000000100', '5e-324'];

const canonicalJson = [
  '{"b":2,"a":1,"c":{"z":null,"y":[true,false]}}',
  '{"\\u20ac":"euro","\\ud83d\\ude00":"smile","\\uff5e":"tilde","z":"z","\\u0080":"ctl","10":"ten","9":"nine","":"empty"}',
  '["\\u0000\\u0008\\t\\n\\u000c\\r\\u001f\\u007f","\\"\\\\\\/","\\u2028\\u2029","é😀","\\u00e9"]',
  '[1.50,1e3,-0,9007199254740993,0.000001,1e-7,1E+21,100,-1.0]',
  '{"deep":{"deeper":{"deepest":[{"b":1,"a":[]},{}]}}}',
];

interface ChainCase { name: string; description: string; include_fields: string[]; head: { key: string; iteration: number; previous_hash: string | null }; timestamp_ms: number; logs: string[] }
const cases: ChainCase[] = [
  {
    name: 'basic',
    description: 'El Proxy-style logs, two signed fields, a new chain from iteration 0',
    include_fields: ['value', 'origin'],
    head: { key: KEY0, iteration: 0, previous_hash: null },
    timestamp_ms: 1700000000000,
    logs: [
      '{"value":"A log message","origin":"linux-apache2","EBP_METADATA":{"agent":{"type":"auditbeat","version":"7.10.1"},"customer":"neteye","retention":"6_months","blockchain_tag":"0"}}',
      '{"value":"Second message","origin":"linux-apache2"}',
      '{"origin":"only-origin","unsigned":1}',
    ],
  },
  {
    name: 'numbers',
    description: 'big integers and decimals are signed by their exact value, never through a double',
    include_fields: ['n'],
    head: { key: KEY0, iteration: 0, previous_hash: null },
    timestamp_ms: 1700000000001,
    logs: ['{"n":{"big":9007199254740993,"neg":-12345678901234567890,"dec":1.50,"exp":1e3,"tiny":1e-7,"zero":-0,"plain":0.1,"huge":1E+21}}', '{"n":[1.0,2.50,3e0]}', '{"n":123456789012345678901234567890.000}'],
  },
  {
    name: 'unicode',
    description: 'non-ASCII text, escapes, control characters and UTF-16 key order',
    include_fields: ['message', 'labels'],
    head: { key: KEY0, iteration: 0, previous_hash: null },
    timestamp_ms: 1700000000002,
    logs: ['{"message":"Zürich — 東京 😀 \\u2028 tab\\tquote\\" back\\\\ ctl\\u0001","labels":{"\\uff5e":1,"\\ud83d\\ude00":2,"\\u20ac":3,"a":4}}', '{"message":"\\u00e9 vs é"}'],
  },
  {
    name: 'nested-and-missing',
    description: 'dot paths, whole subtrees, overlapping paths, dotted keys and absent fields',
    include_fields: ['@timestamp', 'host', 'host.name', 'user.name', 'event.outcome', 'absent.path', 'labels.env'],
    head: { key: KEY0, iteration: 0, previous_hash: null },
    timestamp_ms: 1700000000003,
    logs: [
      '{"@timestamp":"2024-05-01T12:00:00.000Z","host":{"name":"web-01","ip":["10.0.0.1","fe80::1"],"os":{"family":"debian"}},"user":{"name":"alice","id":7},"event":{"outcome":"success","category":"authentication"},"labels":{"team":"x"}}',
      '{"user.name":"dotted","event":{"category":"process"},"labels":{"env":"prod","team":"y"}}',
      '{"unrelated":true}',
    ],
  },
  {
    name: 'continued',
    description: 'an existing chain continued from its key file at iteration 5',
    include_fields: ['message'],
    head: { key: keyToHex(deriveKey(keyFromHex(KEY0), 5)), iteration: 5, previous_hash: 'a3f2c1b0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2' },
    timestamp_ms: 1700000000004,
    logs: ['{"message":"six"}', '{"message":"seven"}'],
  },
];

const chains = cases.map((c) => {
  const selector = compileFieldSelector(c.include_fields);
  const head = headFromKeyFile(c.head);
  const logs = c.logs.map((t) => parseJson(t) as JsonObject);
  const r = signBatch(head, logs, { selector, timestampMs: c.timestamp_ms });
  return {
    ...c,
    expected: r.signed.map((s) => ({
      iteration: s.blockchain.iteration,
      previous_hash: s.blockchain.previous_hash,
      key: keyToHex(deriveKey(keyFromHex(c.head.key), s.blockchain.iteration - c.head.iteration)),
      fields_canonical: s.canonicalFields,
      signing_message: signingMessage({ fields: s.blockchain.fields, iteration: s.blockchain.iteration, previousHash: s.blockchain.previous_hash, timestampMs: c.timestamp_ms }),
      hash: s.blockchain.hash,
    })),
    final_head: headToKeyFile(r.head),
  };
});

const corruptions = [
  { from_iteration: 0, to_iteration: 1, previous_hash: null, next_hash: '7c426e59c5dd419082ddd4ef5397d7a0c96bbb416ed1cd98793241bb89568b0c', acknowledge_blockchain_id: 'acknowledge-elproxysigned-mycustomer2-infinite-0' },
  { from_iteration: 16, to_iteration: 16, previous_hash: '0514bf7a0f6df6ca285a20a368ab5093b96811fdeaf2d5a8ab1d960c8244b72e', acknowledge_blockchain_id: 'acknowledge-elproxysigned-neteye-one_week-0' },
  { from_iteration: 42, to_iteration: 44, previous_hash: 'a3f2c1b0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2', next_hash: null, acknowledge_blockchain_id: 'acknowledge-elproxysigned-acme-6_months-0' },
].map((data) => ({ data, id: encodeCorruptionId(data) }));

const ackId = corruptions[2]!.id;
const ack = signAcknowledgement({ corruption_id: ackId, description: 'Logs lost with the failed disk on 2024-05-01', reason: 'Hardware failure, no backup', acknowledged_by: 'dpo@example.com', acknowledged_at_ms: 1714560000000 }, deriveKey(keyFromHex(KEY0), 42));

const vectors = {
  format: 'signet-signing-format',
  version: 1,
  note: 'Known-answer vectors for Signet signing format version 1 (lib/chain/README.md). Generated once by generate-vectors.ts and checked by vectors.test.ts and crosscheck-vectors.py (an independent implementation). JSON inputs are given as text so that exact numbers survive.',
  key0: KEY0,
  key_evolution: [0, 1, 2, 3].map((n) => ({ iteration: n, key: keyToHex(deriveKey(keyFromHex(KEY0), n)) })),
  numbers: numbers.map((literal) => ({ literal, canonical: canonicalNumberLiteral(literal) })),
  canonical_json: canonicalJson.map((json) => ({ json, canonical: canonicalize(parseJson(json)) })),
  chains,
  corruption_ids: corruptions,
  acknowledgements: [{ key_at_from: keyToHex(deriveKey(keyFromHex(KEY0), 42)), acknowledgement: ack }],
};
process.stdout.write(JSON.stringify(vectors, null, 2) + '\n');
