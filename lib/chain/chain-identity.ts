/**
 * A blockchain is identified by (module, customer, retention, tag) (SPEC §3). Each component
 * becomes part of index names, data stream names and file names, so it is validated here once
 * for every caller: lowercase `[a-z0-9_.]`, not starting with a dot, no `..`, 1–64 characters.
 * The dash is excluded on purpose: names are dash-joined and patterns such as
 * `*-*-elproxysigned-acme-6_months-0` must split unambiguously.
 */
export interface ChainIdentity {
  readonly module: string;
  readonly customer: string;
  readonly retention: string;
  readonly tag: string;
}

export const NAME_COMPONENT_MAX = 64;
const COMPONENT = /^[a-z0-9_][a-z0-9_.]*$/;

/** Why `value` is not a valid name component, or null when it is. */
export function nameComponentProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0) return 'must not be empty';
  if (value.length > NAME_COMPONENT_MAX) return `must be at most ${NAME_COMPONENT_MAX} characters`;
  if (!COMPONENT.test(value)) return 'may contain only lowercase letters, digits, "_" and "." and must not start with "."';
  if (value.includes('..')) return 'must not contain ".."';
  return null;
}

/** @throws {RangeError} naming the first invalid component. */
export function assertChainIdentity(id: ChainIdentity): void {
  for (const part of ['module', 'customer', 'retention', 'tag'] as const) {
    const problem = nameComponentProblem(id[part]);
    if (problem !== null) throw new RangeError(`${part} ${problem}`);
  }
}

/**
 * A map key for `id`, cheap and unambiguous (parts joined with NUL, which no valid part holds),
 * for grouping many logs by chain without validating each: not a name, never a path — use
 * {@link chainName} (which validates) for those.
 */
export function identityKey(id: ChainIdentity): string {
  return `${id.module}\u0000${id.customer}\u0000${id.retention}\u0000${id.tag}`;
}

/** `{module}-{customer}-{retention}-{tag}`: the key file stem and the chain's display id. */
export function chainName(id: ChainIdentity): string {
  assertChainIdentity(id);
  return `${id.module}-${id.customer}-${id.retention}-${id.tag}`;
}

/** The acknowledgement index, which is also `acknowledge_blockchain_id` in CorruptionIds (reference §9). */
export function acknowledgeBlockchainId(id: ChainIdentity): string {
  return `acknowledge-${chainName(id)}`;
}

/** The index pattern that reads a chain across all its data streams (reference §2.1). */
export function chainIndexPattern(id: ChainIdentity): string {
  return `*-*-${chainName(id)}`;
}
