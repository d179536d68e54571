import type { ReportRule } from '../schema-kit';
import type { Secret } from '../secret';
import type { SecretSource } from '../types';

// A credential is given either inline (`password`) or as a file holding it (`password_file`,
// preferred: files can be mode 0600 and kept out of the TOML that people share). Exactly one.

/** Reports a problem unless exactly one of `inlineKey` / `fileKey` is set on `value`. */
export function requireOneSecretSource(
  value: Readonly<Record<string, unknown>>,
  report: ReportRule,
  inlineKey: string,
  fileKey: string,
  because: string,
): void {
  const hasInline = value[inlineKey] !== undefined;
  const hasFile = value[fileKey] !== undefined;
  if (hasInline && hasFile) report([inlineKey], `set either ${inlineKey} or ${fileKey}, not both`);
  else if (!hasInline && !hasFile) report([fileKey], `is required when ${because} (or set ${inlineKey} inline)`, ['type']);
}

/** The configured source; call only after `requireOneSecretSource` passed. */
export function toSecretSource(inline: Secret | undefined, file: string | undefined): SecretSource {
  if (inline !== undefined) return { kind: 'inline', value: inline };
  if (file !== undefined) return { kind: 'file', path: file };
  throw new TypeError('secret source: neither inline value nor file');
}
