// A signed chain with some of its logs in a temporary DLQ and the rest indexed: the starting
// point of the DLQ recovery tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { onTestFinished } from 'vitest';
import type { ChainIdentity } from '../../chain';
import type { BulkItem } from '../../chains';
import { createDlq, type Dlq } from '../../dlq';
import { chainFor, indexItems, signChain, streamFor } from './signed-chain';

export interface Setup {
  base: string;
  dlqDir: string;
  recoveredDir: string;
  dlq: Dlq;
  chain: ChainIdentity;
  stream: string;
  items: BulkItem[];
}

/** A signed chain of `n` logs of its own customer; `dlqd` iterations go to the DLQ, the rest is indexed. */
export async function setupDlq(client: Client, customer: string, n: number, dlqd: number[], streamOf?: (chain: ChainIdentity, i: number) => string): Promise<Setup> {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'signet-recovery-')));
  onTestFinished(() => fs.rmSync(base, { recursive: true, force: true }));
  const dlqDir = path.join(base, 'dlq');
  const recoveredDir = path.join(base, 'dlq_recovered');
  fs.mkdirSync(dlqDir);
  const chain = chainFor(customer);
  const stream = streamFor(chain);
  const items = signChain(n, streamOf ? (i) => streamOf(chain, i) : () => stream, chain);
  await indexItems(client, items.filter((_, i) => !dlqd.includes(i)));
  const dlq = createDlq({ dlqDir, dlqRecoveredDir: recoveredDir, now: () => new Date('2024-03-05T12:00:00Z') });
  const byStream = new Map<string, BulkItem[]>();
  for (const i of dlqd) {
    const it = items[i] as BulkItem;
    byStream.set(it.index, [...(byStream.get(it.index) ?? []), it]);
  }
  for (const [ds, list] of byStream) {
    await dlq.append(customer, ds, list.map((it) => ({ documentText: it.docText, error: { type: 'mapper_parsing_exception', reason: 'failed to parse field' } })));
  }
  return { base, dlqDir, recoveredDir, dlq, chain, stream, items };
}
