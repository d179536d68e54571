import type { Command } from 'commander';
import { registerEmbeddedEs } from './embedded-es';
import { registerIngestApiKey } from './ingest-api-key';
import { registerServe } from './serve';
import { registerVerifyCpuBench } from './verify-cpu-bench';

/** A command registers itself (name, flags, action) on the program. */
export type RegisterCommand = (program: Command) => void;

/** Every command `signet --help` lists. Add a command here only when it works end to end. */
export const COMMANDS: readonly RegisterCommand[] = [registerServe, registerIngestApiKey, registerVerifyCpuBench, registerEmbeddedEs];
