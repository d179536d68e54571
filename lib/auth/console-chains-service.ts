import { AppError } from '../errors';
import type { ChainDetailDto, ChainsListDto } from '../shared';

/** Closed codes of the console's Blockchains API. */
export type ConsoleChainsErrorCode =
  /** No writer, key file, stored log, data stream or report for this chain: 404. */
  | 'ERR_CONSOLE_CHAIN_NOT_FOUND'
  /** The store could not be read, and nothing local says whether the chain exists: 503. */
  | 'ERR_CONSOLE_CHAINS_STORE';

const STATUS: Record<ConsoleChainsErrorCode, number> = { ERR_CONSOLE_CHAIN_NOT_FOUND: 404, ERR_CONSOLE_CHAINS_STORE: 503 };

/** Raised by the Blockchains routes (in the route's own bundle) from a service's refusal. */
export class ConsoleChainsError extends AppError<ConsoleChainsErrorCode> {
  constructor(code: ConsoleChainsErrorCode, message: string) {
    // Both messages name a chain or a store failure (type and reason), never a document or a key.
    super(code, message, { status: STATUS[code], expose: true });
  }
}

/**
 * One chain's detail, or why there is none. A plain result rather than a thrown error: the
 * service lives in the `signet serve` bundle and the route in Next's, so an error class thrown
 * across globalThis would not be recognised (`instanceof`) by the route's error mapping.
 */
export type ChainDetailResult = { readonly found: true; readonly detail: ChainDetailDto } | { readonly found: false; readonly code: ConsoleChainsErrorCode; readonly message: string };

/**
 * What the console's Blockchains pages may do: read. Implemented by lib/serve/console-chains.ts
 * over the chain service, the key files and the store; never returns key material.
 */
export interface ConsoleChainsService {
  /** Every chain: loaded writers plus chains with a key file on disk. */
  list(): Promise<ChainsListDto>;
  /**
   * One chain by name (already validated by the route's schema).
   * @param logs how many recent signed logs to return.
   */
  detail(name: string, logs: number): Promise<ChainDetailResult>;
}
