import type { Command } from 'commander';
import { registerEmbeddedEs } from './embedded-es';
import { registerDlq } from './dlq';
import { registerExportLogs } from './export-logs';
import { registerIngestApiKey } from './ingest-api-key';
import { registerServe } from './serve';
import { registerUsers } from './users';
import { registerVerifyCpuBench } from './verify-cpu-bench';
import { registerVerify } from './verify';
import { registerAcknowledge } from './acknowledge';
import { registerAcknowledgeRange } from './acknowledge-range';
import { registerConfig } from './config';

/** A command registers itself (name, flags, action) on the program. */
export type RegisterCommand = (program: Command) => void;

/** Every command `signet --help` lists. Add a command here only when it works end to end. */
export const COMMANDS: readonly RegisterCommand[] = [registerServe, registerIngestApiKey, registerVerifyCpuBench, registerEmbeddedEs, registerDlq, registerExportLogs, registerUsers, registerVerify, registerAcknowledge, registerAcknowledgeRange, registerConfig];
