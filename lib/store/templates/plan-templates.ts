import { nameComponentProblem } from '../../chain';
import type { RetentionConfig } from '../../config';
import { ilmPolicyBody } from './ilm-policy-body';
import { mappingsTemplateBody } from './mappings-template-body';
import { DEFAULT_POLICY, DEFAULT_TEMPLATE, MANAGED_BY, MAPPINGS_TEMPLATE, ilmPolicyName, retentionTemplateName } from './template-names';

/** NetEye's band for the templates it manages (reference §5): above Elastic's (≤ 500), below custom ones (> 700). */
export const PRIORITY_BAND = Object.freeze({ min: 501, max: 700 });

/**
 * Where each index template looks for a free priority. Elasticsearch refuses two templates with
 * the same priority whose patterns can match one name, and every retention pattern overlaps the
 * catch-all and, as a pattern, every other one (`a-b-elproxysigned-c-6_months-d-1_year-e`), so
 * each needs its own. The generic templates
 * sit at the bottom of the band: NetEye's and an operator's more specific templates (per Beat,
 * per integration) are meant to win over them.
 */
export const CATCH_ALL_PRIORITIES = Object.freeze({ min: 501, max: 509 });
export const RETENTION_PRIORITIES = Object.freeze({ min: 510, max: 700 });

export interface PlannedItem {
  readonly name: string;
  readonly body: Record<string, unknown>;
}

export interface PlannedIndexTemplate extends PlannedItem {
  /** Priorities this template may take (the first free one is used). */
  readonly priorities: { readonly min: number; readonly max: number };
}

export interface TemplatePlan {
  readonly ilmPolicies: readonly PlannedItem[];
  readonly componentTemplates: readonly PlannedItem[];
  readonly indexTemplates: readonly PlannedIndexTemplate[];
}

function settingsComponent(policy: string, description: string): Record<string, unknown> {
  return { template: { settings: { 'index.lifecycle.name': policy } }, version: 1, _meta: { managed_by: MANAGED_BY, description } };
}

function indexTemplate(pattern: string, component: string, description: string): Record<string, unknown> {
  return { index_patterns: [pattern], data_stream: {}, composed_of: [MAPPINGS_TEMPLATE, component], version: 1, _meta: { managed_by: MANAGED_BY, description } };
}

/**
 * Everything Signet installs for `module` and the configured retentions, in creation order
 * (policies before the templates naming them, components before the index templates composing
 * them). Pure.
 *
 * Patterns: `*-*-{module}-*-{retention}-*` per retention and `*-*-{module}-*` for the catch-all.
 * The leading `*-*-` (data streams always have two parts before the module: agent type and
 * version, or data_stream type and dataset) keeps the acknowledgement indices
 * `acknowledge-{module}-…` out: they are ordinary indices, not data streams.
 *
 * @param module the configured module (`elproxysigned`).
 * @param retention the configured retentions and the default one.
 * @example planTemplates('elproxysigned', config.retention).indexTemplates[0].name // 'el-proxy-1_year-retention'
 * @throws {RangeError} when `module` or a retention name is not a valid name component.
 */
export function planTemplates(module: string, retention: RetentionConfig): TemplatePlan {
  const moduleProblem = nameComponentProblem(module);
  if (moduleProblem !== null) throw new RangeError(`module ${moduleProblem}`);
  const names = Object.keys(retention.policies).sort();
  for (const n of names) {
    const problem = nameComponentProblem(n);
    if (problem !== null) throw new RangeError(`retention ${JSON.stringify(n)} ${problem}`);
  }
  const fallback = retention.policies[retention.default];
  if (fallback === undefined) throw new RangeError(`the default retention ${JSON.stringify(retention.default)} is not defined`);

  const ilmPolicies: PlannedItem[] = names.map((n) => ({ name: ilmPolicyName(n), body: ilmPolicyBody(n, (retention.policies[n] as { days: number | null }).days) }));
  ilmPolicies.push({ name: DEFAULT_POLICY, body: ilmPolicyBody(retention.default, fallback.days) });

  const componentTemplates: PlannedItem[] = [{ name: MAPPINGS_TEMPLATE, body: mappingsTemplateBody() }];
  for (const n of names) componentTemplates.push({ name: retentionTemplateName(n), body: settingsComponent(ilmPolicyName(n), `ILM policy of the ${n} retention`) });
  componentTemplates.push({ name: DEFAULT_TEMPLATE, body: settingsComponent(DEFAULT_POLICY, `ILM policy for logs naming no known retention (${retention.default})`) });

  const indexTemplates: PlannedIndexTemplate[] = names.map((n) => ({
    name: retentionTemplateName(n),
    body: indexTemplate(`*-*-${module}-*-${n}-*`, retentionTemplateName(n), `Signed logs (${module}) with the ${n} retention`),
    priorities: RETENTION_PRIORITIES,
  }));
  indexTemplates.push({
    name: DEFAULT_TEMPLATE,
    body: indexTemplate(`*-*-${module}-*`, DEFAULT_TEMPLATE, `Signed logs (${module}) whose retention has no template: default ILM policy`),
    priorities: CATCH_ALL_PRIORITIES,
  });
  return { ilmPolicies, componentTemplates, indexTemplates };
}
