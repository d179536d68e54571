import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConformanceError } from './conformance-error';

export interface CliOptions {
  readonly url: string;
  readonly dir: string;
  readonly filter?: string;
  readonly verbose: boolean;
  readonly json?: string;
  readonly requestTimeoutMs: number;
  readonly testTimeoutMs: number;
  readonly strictWarnings: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: es-conformance --url <url> --dir <dir> [options]

Runs Elastic's YAML REST tests against any Elasticsearch URL through @elastic/elasticsearch 8.x.
DESTRUCTIVE: deletes indices, data streams, templates, ILM policies and pipelines between tests.

  --url <url>              Elasticsearch URL (required), e.g. http://127.0.0.1:9200
  --dir <dir>              directory of .yml tests, searched recursively (required)
  --filter <substring>     run only files whose relative path contains <substring>
  --verbose                also list passed tests, timings and notes (warnings, wipe problems)
  --json <file>            write the full result as JSON to <file>
  --request-timeout <ms>   per-request timeout (default 30000)
  --test-timeout <ms>      per-test timeout for setup+steps, and for teardown (default 120000)
  --strict-warnings        fail steps on Warning headers they do not declare
  -h, --help               show this help

Exit status: 0 when no test failed, 1 when a test failed, 2 on usage or I/O errors.`;

// Flags are untrusted input: validated once here (house style §2.4).
const flagsSchema = z.object({
  url: z.string({ error: '--url is required' }).url('--url must be a URL'),
  dir: z.string({ error: '--dir is required' }).min(1, '--dir is required'),
  filter: z.string().optional(),
  verbose: z.boolean().default(false),
  json: z.string().min(1).optional(),
  'request-timeout': z.coerce.number().int().positive().default(30_000),
  'test-timeout': z.coerce.number().int().positive().default(120_000),
  'strict-warnings': z.boolean().default(false),
});

/**
 * Parses the CLI flags (`argv` without the node and script entries).
 * @throws {ConformanceError} ERR_CONFORMANCE_USAGE naming every bad or missing flag.
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        dir: { type: 'string' },
        filter: { type: 'string' },
        verbose: { type: 'boolean' },
        json: { type: 'string' },
        'request-timeout': { type: 'string' },
        'test-timeout': { type: 'string' },
        'strict-warnings': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new ConformanceError('ERR_CONFORMANCE_USAGE', (err as Error).message, { cause: err });
  }
  if (values.help === true) {
    return { url: '', dir: '', verbose: false, requestTimeoutMs: 0, testTimeoutMs: 0, strictWarnings: false, help: true };
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    throw new ConformanceError('ERR_CONFORMANCE_USAGE', parsed.error.issues.map((issue) => {
      const flag = String(issue.path[0] ?? '');
      return issue.message.startsWith('--') ? issue.message : `--${flag}: ${issue.message}`;
    }).join('; '));
  }
  const flags = parsed.data;
  return {
    url: flags.url,
    dir: flags.dir,
    filter: flags.filter,
    verbose: flags.verbose,
    json: flags.json,
    requestTimeoutMs: flags['request-timeout'],
    testTimeoutMs: flags['test-timeout'],
    strictWarnings: flags['strict-warnings'],
    help: false,
  };
}
