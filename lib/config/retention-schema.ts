import { z } from 'zod';
import { describeValue } from './describe-value';
import { isTable, stringSchema, withRules } from './schema-kit';
import type { RetentionConfig, RetentionPolicy } from './types';

// retention_policies.toml. El Proxy does not document this file's format (reference §4.4, §16),
// so Signet defines it:
//
//   default = "2_years"          # retention used when a log names none or an unknown one
//   [retentions]
//   6_months = 180               # name = days after which data is deleted
//   infinite = "never"           # never deleted
//
// Names end up in index, ILM-policy and key-file names, hence the strict alphabet.

const NAME = /^[a-z0-9_]+$/;
const NAME_MAX = 64;
const DAYS_MAX = 36_500;

/** El Proxy's documented retentions (reference §4.4) plus `one_week`, seen in its examples. */
export const DEFAULT_RETENTIONS: Readonly<Record<string, number | 'never'>> = Object.freeze({
  one_week: 7,
  '3_months': 90,
  '6_months': 180,
  '1_year': 365,
  '2_years': 730,
  infinite: 'never',
});
export const DEFAULT_RETENTION = '2_years';

/** Why `name` cannot be a retention name, or null. */
export function checkRetentionName(name: string): string | null {
  if (!NAME.test(name)) return `retention names may contain only a-z, 0-9 and "_", got ${JSON.stringify(name)}`;
  if (name.length > NAME_MAX) return `retention names must be at most ${NAME_MAX} characters`;
  // El Proxy already has an ILM policy called default_retention (the fallback); a retention
  // named "default" would collide with it.
  if (name === 'default') return '"default" is reserved; name the fallback with the top-level default key';
  return null;
}

// Built on superRefine rather than z.custom: a z.custom failure aborts the parent object, which
// would skip the name checks below and hide their problems.
const daysSchema = z
  .unknown()
  .superRefine((v, ctx) => {
    if (v === 'never' || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= DAYS_MAX)) return;
    ctx.addIssue({ code: 'custom', message: `expected a number of days (1-${DAYS_MAX}) or "never", got ${describeValue(v)}` });
  })
  .transform((v) => v as number | 'never');

export const retentionFileSchema = withRules(
  z.strictObject({
    default: stringSchema().prefault(DEFAULT_RETENTION),
    retentions: z.record(z.string(), daysSchema),
  }),
  (v, report) => {
    if (!isTable(v.retentions)) return;
    const names = Object.keys(v.retentions);
    for (const name of names) {
      const message = checkRetentionName(name);
      if (message !== null) report(['retentions', name], message);
    }
    if (names.length === 0) report(['retentions'], 'must define at least one retention');
    else if (typeof v.default === 'string' && !names.includes(v.default)) {
      report(['default'], `names no defined retention: ${JSON.stringify(v.default)} (defined: ${names.join(', ')})`);
    }
  },
).transform((v): RetentionConfig => {
  const policies = Object.create(null) as Record<string, RetentionPolicy>;
  for (const [name, days] of Object.entries(v.retentions)) policies[name] = { name, days: days === 'never' ? null : days };
  return { default: v.default, policies };
});
