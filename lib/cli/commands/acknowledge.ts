import type { Command } from 'commander';
import { wipeKey } from '../../chain';
import { acknowledgeCorruption, acknowledgementDocId, readKeyFile } from '../../verify';
import { actorName, flagOrPrompt } from '../ask-text';
import { auditCliAction } from '../audit-cli-action';
import { addEsFlags, esClientFromFlags } from '../es-flags';
import { loadCliConfig } from '../load-cli-config';
import { mapVerifyError } from '../map-verify-error';

interface Flags {
  keyFile: string;
  corruptionId: string;
  description?: string;
  reason?: string;
  actor?: string;
  json?: boolean;
}

/** `signet acknowledge` (reference §6.3): one signed acknowledgement for one CorruptionId. */
export function registerAcknowledge(program: Command): void {
  const cmd = program
    .command('acknowledge')
    .description('Acknowledges a corruption in a blockchain.')
    .requiredOption('--key-file <file>', 'the file that contains the iteration 0 signature key')
    .requiredOption('--corruption-id <id>', 'the CorruptionId printed by verify')
    .option('--description <text>', 'what happened (prompted on a terminal when absent)')
    .option('--reason <text>', 'why it is acceptable (prompted on a terminal when absent)')
    .option('--actor <name>', 'who acknowledges (default: the OS user)')
    .option('--json', 'print the acknowledgement document as JSON');
  addEsFlags(cmd);
  cmd.action(async (flags: Flags, c: Command) => {
    try {
      const config = loadCliConfig(c);
      const key0 = readKeyFile(flags.keyFile);
      const client = esClientFromFlags(config, c.opts());
      try {
        const description = await flagOrPrompt(flags.description, '--description', 'Description');
        const reason = await flagOrPrompt(flags.reason, '--reason', 'Reason');
        const { acknowledgement: a, index } = await acknowledgeCorruption({ client, key0, corruptionId: flags.corruptionId, description, reason, actor: actorName(flags.actor), nowMs: Date.now() });
        const id = acknowledgementDocId(a.corruption_id);
        await auditCliAction(client, a.acknowledged_by, { action: 'acknowledge', target: index, outcome: 'success', details: { corruption_id: a.corruption_id, from_iteration: a.from_iteration, to_iteration: a.to_iteration } });
        if (flags.json) process.stdout.write(JSON.stringify({ index, id, acknowledgement: a }) + '\n');
        else {
          const range = a.from_iteration === a.to_iteration ? `iteration ${a.from_iteration}` : `iterations ${a.from_iteration} to ${a.to_iteration}`;
          process.stdout.write(`Acknowledged the corruption of ${range} in ${index} (document ${id}) as ${a.acknowledged_by}.\n`);
        }
      } finally {
        wipeKey(key0);
        await client.close();
      }
    } catch (err) {
      mapVerifyError(err, 1);
    }
  });
}
