/**
 * Fault injection for reliability tests: the next N requests matching a path (and method) answer
 * with a status, wait before running, lose their connection, or (for `_bulk`) fail chosen items.
 * Disabled by default; when disabled `take()` returns at once and rules cannot be added.
 *
 * `path` is an exact URL path (`/_bulk`), or a regular expression when it starts with `^`
 * (`^/.+/_bulk$`), or a RegExp given programmatically.
 */
import { z } from 'zod';
import { EmbeddedEsError } from '../errors/embedded-es-error';

const itemFailureSchema = z.object({
  status: z.number().int().min(100).max(599),
  type: z.string().min(1).optional(),
  reason: z.string().optional(),
});

export const faultRuleSchema = z.object({
  path: z.union([z.string().min(1), z.instanceof(RegExp)]),
  method: z.string().min(1).optional(),
  count: z.number().int().positive().default(1),
  action: z.enum(['status', 'delay', 'drop', 'bulk_items']),
  status: z.number().int().min(100).max(599).optional(),
  type: z.string().min(1).optional(),
  reason: z.string().optional(),
  delay_ms: z.number().int().min(0).max(600_000).optional(),
  /** For `drop`: run the request (and make it durable) before dropping the connection. */
  apply: z.boolean().default(false),
  items: z.record(z.string().regex(/^\d+$/), itemFailureSchema).optional(),
}).superRefine((r, ctx) => {
  if (r.action === 'status' && r.status === undefined) ctx.addIssue({ code: 'custom', message: 'action [status] needs [status]' });
  if (r.action === 'delay' && r.delay_ms === undefined) ctx.addIssue({ code: 'custom', message: 'action [delay] needs [delay_ms]' });
  if (r.action === 'bulk_items' && (r.items === undefined || Object.keys(r.items).length === 0)) {
    ctx.addIssue({ code: 'custom', message: 'action [bulk_items] needs [items]' });
  }
});

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;
export type ItemFailure = z.output<typeof itemFailureSchema>;

interface ActiveRule {
  id: string;
  rule: FaultRule;
  remaining: number;
  matcher: (path: string) => boolean;
}

/** Default Elasticsearch error type for an injected status. */
export function defaultErrorType(status: number): string {
  if (status === 429) return 'es_rejected_execution_exception';
  if (status === 503) return 'unavailable_shards_exception';
  if (status === 504) return 'timeout_exception';
  if (status === 409) return 'version_conflict_engine_exception';
  if (status === 404) return 'index_not_found_exception';
  if (status >= 500) return 'exception';
  return 'illegal_argument_exception';
}

export class FaultController {
  private rules: ActiveRule[] = [];
  private seq = 0;

  constructor(readonly enabled: boolean) {}

  /**
   * Adds a rule; returns its id.
   * @throws EmbeddedEsError `ERR_EMBEDDED_ES_OPTIONS` when disabled or the rule is invalid.
   */
  add(input: FaultRuleInput): string {
    if (!this.enabled) {
      throw new EmbeddedEsError('ERR_EMBEDDED_ES_OPTIONS', { status: 400, type: 'illegal_argument_exception', reason: 'fault injection is disabled' });
    }
    const parsed = faultRuleSchema.safeParse(input);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ');
      throw new EmbeddedEsError('ERR_EMBEDDED_ES_OPTIONS', { status: 400, type: 'illegal_argument_exception', reason: `invalid fault rule: ${reason}` });
    }
    const rule = parsed.data;
    const p = rule.path;
    let matcher: (path: string) => boolean;
    if (p instanceof RegExp) matcher = (path) => p.test(path);
    else if (p.startsWith('^')) {
      let re: RegExp;
      try {
        re = new RegExp(p);
      } catch (err) {
        throw new EmbeddedEsError('ERR_EMBEDDED_ES_OPTIONS', { status: 400, type: 'illegal_argument_exception', reason: `invalid fault path regex [${p}]` }, { cause: err });
      }
      matcher = (path) => re.test(path);
    } else matcher = (path) => path === p;
    const id = `fault-${++this.seq}`;
    this.rules.push({ id, rule, remaining: rule.count, matcher });
    return id;
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** Active rules with their remaining counts. */
  list(): { id: string; path: string; method?: string; action: string; remaining: number }[] {
    return this.rules.map((r) => ({
      id: r.id,
      path: String(r.rule.path),
      ...(r.rule.method ? { method: r.rule.method } : {}),
      action: r.rule.action,
      remaining: r.remaining,
    }));
  }

  /** Consumes one use of the first rule matching the request, if any. */
  take(method: string, path: string): FaultRule | undefined {
    if (this.rules.length === 0) return undefined;
    const i = this.rules.findIndex((r) => (!r.rule.method || r.rule.method.toUpperCase() === method) && r.matcher(path));
    if (i === -1) return undefined;
    const active = this.rules[i] as ActiveRule;
    active.remaining--;
    if (active.remaining <= 0) this.rules.splice(i, 1);
    return active.rule;
  }
}
