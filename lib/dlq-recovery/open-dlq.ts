import fs from 'node:fs/promises';
import { createDlq, type Dlq } from '../dlq';
import { DlqRecoveryError } from './dlq-recovery-error';

/**
 * The DLQ over the two folders a recovery (or a listing) is asked to use. The signing service
 * creates `dlq_dir` on its first failure, so the configured folder may legitimately not exist yet
 * (`missingIsEmpty`: an empty queue); but a folder an operator names explicitly that does not
 * exist is most likely mistyped: an error. `dlqRecoveredDir` is created on the first recovered
 * file (mode 0700), as the service would.
 * @throws {DlqRecoveryError} `ERR_DLQ_RECOVERY_INPUT` naming the folder and the problem.
 */
export async function openDlq(dlqDir: string, dlqRecoveredDir: string, options: { missingIsEmpty?: boolean } = {}): Promise<Dlq> {
  let st;
  try {
    st = await fs.stat(dlqDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.missingIsEmpty === true) return create(dlqDir, dlqRecoveredDir);
    throw new DlqRecoveryError('ERR_DLQ_RECOVERY_INPUT', code === 'ENOENT' ? `dead letter queue folder ${dlqDir} does not exist` : `cannot open dead letter queue folder ${dlqDir} (${code ?? 'error'})`, { cause: err });
  }
  if (!st.isDirectory()) throw new DlqRecoveryError('ERR_DLQ_RECOVERY_INPUT', `${dlqDir} is not a folder (expected the dead letter queue folder)`);
  const recoveredSt = await fs.stat(dlqRecoveredDir).catch(() => null);
  if (recoveredSt !== null && !recoveredSt.isDirectory()) throw new DlqRecoveryError('ERR_DLQ_RECOVERY_INPUT', `${dlqRecoveredDir} is not a folder (expected the recovered dead letter queue folder)`);
  return create(dlqDir, dlqRecoveredDir);
}

function create(dlqDir: string, dlqRecoveredDir: string): Dlq {
  try {
    return createDlq({ dlqDir, dlqRecoveredDir });
  } catch (err) {
    // createDlq's TypeError: empty path, or the two folders nest.
    throw new DlqRecoveryError('ERR_DLQ_RECOVERY_INPUT', (err as Error).message, { cause: err });
  }
}
