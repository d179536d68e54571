import type { ChainDetailDto, ChainsListDto } from '../shared';

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
   * @throws an AppError with status 404 (`ERR_CONSOLE_CHAIN_NOT_FOUND`) for a chain this
   *   instance does not know.
   */
  detail(name: string, logs: number): Promise<ChainDetailDto>;
}
