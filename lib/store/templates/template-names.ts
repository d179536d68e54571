// Names of what Signet installs in Elasticsearch. El Proxy's published names are kept where they
// exist (reference §4.4, §5): ILM policies `{retention}_retention` and `default_retention`,
// component templates `el-proxy-mappings` and `el-proxy-{retention}-retention`.

/** Component template with the mappings of EBP_METADATA and ES_BLOCKCHAIN. */
export const MAPPINGS_TEMPLATE = 'el-proxy-mappings';

/** El Proxy's ILM policy for logs whose retention has no template of its own. */
export const DEFAULT_POLICY = 'default_retention';

/** Component and index template of the catch-all (unknown retentions → default ILM). */
export const DEFAULT_TEMPLATE = 'el-proxy-default-retention';

/** `_meta.managed_by` on everything Signet creates, so an operator can tell what is whose. */
export const MANAGED_BY = 'signet';

/** ILM policy of a retention: `6_months` → `6_months_retention`. */
export function ilmPolicyName(retention: string): string {
  return `${retention}_retention`;
}

/** Component template (ILM setting) and index template of a retention: `el-proxy-6_months-retention`. */
export function retentionTemplateName(retention: string): string {
  return `el-proxy-${retention}-retention`;
}
