import type { PageCheckRequest, PageCheckResult } from './check-page';

/** Main thread → check worker (structured clone; `body`'s buffer is transferred). */
export interface CheckTask extends PageCheckRequest {
  readonly id: number;
}

/** Check worker → main thread. */
export type CheckReply = { id: number; result: PageCheckResult } | { id: number; error: string };
