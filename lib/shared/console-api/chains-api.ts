import { z } from 'zod';

// GET /api/console/chains and GET /api/console/chains/detail: the Blockchains pages' queries and
// answers. A chain is named `{module}-{customer}-{retention}-{tag}` (the key file stem); the name
// becomes an index pattern (`*-*-{name}`), so it is validated with the ingest path's rules
// (lib/chain nameComponentProblem; chains-api.test.ts keeps the two in step, since lib/shared may
// not import lib/chain).

/** Longest name component, as lib/chain NAME_COMPONENT_MAX. */
export const CHAIN_NAME_COMPONENT_MAX = 64;
const COMPONENT = /^[a-z0-9_][a-z0-9_.]*$/;
const PARTS = ['module', 'customer', 'retention', 'tag'] as const;

/** Why `part` is not a valid chain name component, or null (lib/chain's rules, same words). */
export function chainComponentProblem(part: string): string | null {
  if (part.length === 0) return 'must not be empty';
  if (part.length > CHAIN_NAME_COMPONENT_MAX) return `must be at most ${CHAIN_NAME_COMPONENT_MAX} characters`;
  if (!COMPONENT.test(part)) return 'may contain only lowercase letters, digits, "_" and "." and must not start with "."';
  if (part.includes('..')) return 'must not contain ".."';
  return null;
}

/** Why `name` is not a chain name `{module}-{customer}-{retention}-{tag}`, or null. */
export function chainNameProblem(name: string): string | null {
  const parts = name.split('-');
  if (parts.length !== 4) return `a chain name has four parts {module}-{customer}-{retention}-{tag} joined by "-" (got ${parts.length})`;
  for (let i = 0; i < 4; i++) {
    const p = chainComponentProblem(parts[i] as string);
    if (p !== null) return `its ${PARTS[i]} part ${p}`;
  }
  return null;
}

/** A chain name; the message names the problem. */
export const chainNameSchema = z
  .string()
  .max(4 * CHAIN_NAME_COMPONENT_MAX + 3, { message: 'a chain name is at most 259 characters' })
  .superRefine((v, c) => {
    const p = chainNameProblem(v);
    if (p !== null) c.addIssue({ code: 'custom', message: `not a chain name: ${p}` });
  });

/** GET /api/console/chains takes no query. */
export const chainsListQuerySchema = z.strictObject({});

/** GET /api/console/chains/detail?chain=…&logs=… (`logs`: how many recent signed logs, default 30). */
export const chainDetailQuerySchema = z.strictObject({
  chain: chainNameSchema,
  logs: z.coerce.number().int().min(1).max(100).optional(),
});
export type ChainDetailQuery = z.infer<typeof chainDetailQuerySchema>;

/** The latest (or one) verification report of a chain, as the reports index holds it. */
export interface ChainReportDto {
  readonly reportId: string;
  readonly finishedAt: string | null;
  readonly mode: string | null;
  /** `ok` | `warning` | `critical` (or what the document says). */
  readonly status: string | null;
  readonly errors: number;
  readonly warnings: number;
  readonly acknowledged: number;
  readonly logsChecked: number | null;
  readonly verifiedFrom: number | null;
  readonly verifiedTo: number | null;
}

/** A data stream (or, without a matching template, a plain index) of a chain. */
export interface ChainDataStreamDto {
  readonly name: string;
  /** Elasticsearch's health of the data stream (`GREEN`/`YELLOW`/`RED`), null for a plain index. */
  readonly status: string | null;
  readonly generation: number | null;
  readonly backingIndices: number;
  readonly template: string | null;
  readonly ilmPolicy: string | null;
}

/** One chain in the list. */
export interface ChainSummaryDto {
  /** `{module}-{customer}-{retention}-{tag}` */
  readonly name: string;
  readonly module: string;
  readonly customer: string;
  readonly retention: string;
  readonly tag: string;
  /**
   * `ready`/`idle`/`blocked`: a writer for the chain is loaded in this process (its state);
   * `on_disk`: only a key file (or stored logs) — no log for it since the service started.
   */
  readonly state: 'ready' | 'idle' | 'blocked' | 'on_disk';
  /** Why the chain does not sign: a block's reason, or (state `idle`) why loading it failed last. */
  readonly blockedReason: string | null;
  /** Last signed iteration: the writer's head when loaded, else the highest stored one. */
  readonly headIteration: number | null;
  /** Highest `ES_BLOCKCHAIN.iteration` in the store (below the head while logs wait in the DLQ). */
  readonly storedIteration: number | null;
  /** ISO time of the last signing (writer's last commit, or the newest stored `timestamp_ms`). */
  readonly lastSignedAt: string | null;
  /** Logs signed per second over the last `rateWindowSecs` (stored logs by `timestamp_ms`). */
  readonly rate: number;
  readonly queuedLogs: number;
  readonly pendingOutbox: number;
  readonly dataStreams: readonly string[];
  /** Null: never verified. */
  readonly lastVerification: ChainReportDto | null;
}

export interface ChainsListDto {
  readonly chains: readonly ChainSummaryDto[];
  readonly rateWindowSecs: number;
  /**
   * Set when the store (or the key folder) could not be read: heads, streams, reports (or
   * chains known only from their key files) may be missing.
   */
  readonly storeProblem: string | null;
  readonly generatedAt: string;
}

/** A stored signed log (newest first in the detail). Texts are exact (big integers kept). */
export interface SignedLogDto {
  readonly index: string;
  readonly id: string;
  readonly iteration: number | null;
  readonly hash: string | null;
  readonly signedAt: string | null;
  /** The stored document, pretty-printed. */
  readonly documentText: string;
  /** Its `ES_BLOCKCHAIN` block, pretty-printed (null when absent). */
  readonly blockchainText: string | null;
}

export interface ChainDetailDto {
  readonly chain: ChainSummaryDto;
  /** Hash of the last signed log (the writer's head when loaded, else the newest stored log's). */
  readonly lastHash: string | null;
  readonly dataStreams: readonly ChainDataStreamDto[];
  readonly recentLogs: readonly SignedLogDto[];
  /** Newest first, at most 100. */
  readonly reports: readonly ChainReportDto[];
  readonly rateWindowSecs: number;
  readonly storeProblem: string | null;
}
