import { z } from 'zod';

// GET /api/console/corruptions, POST /api/console/corruptions/acknowledge and
// POST /api/console/corruptions/acknowledge-range: the Corruptions page's queries, bodies and
// answers (SPEC §8, reference §6.3–6.4, §9). The key file travels base64-encoded in the JSON
// body, once per request; the server wipes its bytes after use and never stores, logs or returns it.

/** GET /api/console/corruptions takes no query. */
export const corruptionsListQuerySchema = z.strictObject({});

/** lib/chain's acknowledgement texts are at most 4096 characters. */
const TEXT_MAX = 4096;
const text = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .max(TEXT_MAX, { message: `${name} must be at most ${TEXT_MAX} characters` })
    .refine((v) => v.trim() !== '', { message: `${name} must not be empty` });

/** The uploaded key file, base64 (a key backup is ~150 bytes; 8 KiB is generous). */
const keyFileSchema = z
  .string({ error: 'keyFile (the iteration-0 key file, base64) is required' })
  .min(1, { message: 'keyFile must not be empty: upload the iteration-0 key file' })
  .max(8192, { message: 'keyFile is too large to be a key file' })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'keyFile must be the key file encoded as base64' });

/** POST /api/console/corruptions/acknowledge: one corruption (as `signet acknowledge`). */
export const acknowledgeBodySchema = z.strictObject({
  corruptionId: z.string({ error: 'corruptionId is required' }).trim().min(1, { message: 'corruptionId must not be empty' }).max(4096, { message: 'corruptionId is longer than any CorruptionId' }),
  description: text('description'),
  reason: text('reason'),
  keyFile: keyFileSchema,
});
export type AcknowledgeInput = z.infer<typeof acknowledgeBodySchema>;

/**
 * A chain name `{module}-{customer}-{retention}-{tag}` (lib/chain's rule, repeated for the
 * browser: each component 1-64 of `[a-z0-9_.]`, no `..`), parsed into its identity.
 */
const chainSchema = z
  .string({ error: 'chain is required' })
  .refine((v) => /^[a-z0-9_.]{1,64}(?:-[a-z0-9_.]{1,64}){3}$/.test(v) && !v.split('-').some((c) => c === '.' || c.includes('..')), {
    message: 'chain must be a blockchain name {module}-{customer}-{retention}-{tag} (lowercase a-z, 0-9, "_" and ".")',
  })
  .transform((v) => {
    const [module, customer, retention, tag] = v.split('-') as [string, string, string, string];
    return { module, customer, retention, tag };
  });

const isoTime = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && Number.isFinite(Date.parse(v)), { message: `${name} must be an RFC 3339 time with a time zone (e.g. 2026-12-06T10:00:00Z)` });

/** POST /api/console/corruptions/acknowledge-range: every corruption of a chain signed in [from, to) (as `signet acknowledge-range`). */
export const acknowledgeRangeBodySchema = z
  .strictObject({
    chain: chainSchema,
    from: isoTime('from'),
    to: isoTime('to'),
    description: text('description'),
    reason: text('reason'),
    keyFile: keyFileSchema,
  })
  .refine((b) => !(Date.parse(b.from) >= Date.parse(b.to)), { message: 'from must be earlier than to (the range is [from, to))', path: ['to'] });
export type AcknowledgeRangeInput = z.infer<typeof acknowledgeRangeBodySchema>;

/** Who acknowledged a corruption, when and why. */
export interface CorruptionAcknowledgementDto {
  readonly by: string;
  /** ISO time. */
  readonly at: string;
  readonly description: string;
  readonly reason: string;
  /** `_id` of the acknowledgement document in `acknowledge-{chain}`. */
  readonly documentId: string;
  /**
   * True when the chain's latest verification judged this acknowledgement valid; false while
   * no verification has seen it yet (the document is shown as stored, not yet checked).
   */
  readonly verified: boolean;
}

export type CorruptionStatus = 'open' | 'acknowledged';

/** One corruption: an error of a chain's latest report, or an acknowledgement document. */
export interface CorruptionDto {
  /** Stable row id (chain, code and CorruptionId). */
  readonly id: string;
  readonly chain: string;
  /** Null only for "Empty Blockchain Corruption", which El Proxy gives none. */
  readonly corruptionId: string | null;
  /** El Proxy's error code; null for an acknowledgement no report mentions. */
  readonly code: string | null;
  readonly type: string | null;
  readonly fromIteration: number | null;
  readonly toIteration: number | null;
  /** Hashes and other facts of the error, for the details flyout. */
  readonly facts: Readonly<Record<string, string>>;
  /** The chain's latest report that lists it (as an error or as acknowledged), and when that run finished (ISO). */
  readonly reportId: string | null;
  readonly reportedAt: string | null;
  readonly status: CorruptionStatus;
  readonly acknowledgement: CorruptionAcknowledgementDto | null;
  /** Whether an auditor can acknowledge it from the page (open, with a CorruptionId, a log error). */
  readonly acknowledgeable: boolean;
}

/** A chain's latest verification report, as the page summarizes it. */
export interface CorruptionChainDto {
  readonly chain: string;
  readonly identity: { readonly module: string; readonly customer: string; readonly retention: string; readonly tag: string };
  readonly reportId: string;
  readonly finishedAt: string;
  readonly status: string;
  readonly errorsTotal: number;
  /** The indexed report holds at most 1,000 errors; the report files keep them all. */
  readonly truncated: boolean;
}

export interface CorruptionsOverviewDto {
  readonly corruptions: readonly CorruptionDto[];
  readonly chains: readonly CorruptionChainDto[];
  readonly totals: { readonly open: number; readonly acknowledged: number; readonly chains: number };
}

export interface AcknowledgeResultDto {
  readonly chain: string;
  readonly index: string;
  readonly documentId: string;
  readonly corruptionId: string;
  readonly fromIteration: number;
  readonly toIteration: number;
  readonly acknowledgedBy: string;
  readonly acknowledgedAt: string;
}

export interface AcknowledgeRangeResultDto {
  readonly chain: string;
  readonly index: string;
  readonly fromIteration: number;
  readonly toIteration: number | null;
  readonly corruptions: number;
  readonly acknowledged: readonly string[];
  readonly alreadyAcknowledged: readonly string[];
  readonly failed: readonly { readonly corruptionId: string; readonly reason: string }[];
}
