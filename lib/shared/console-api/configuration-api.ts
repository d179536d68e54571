import { z } from 'zod';
import { includeFieldsProblems, MAX_FIELD_PATH_LENGTH, MAX_INCLUDE_FIELDS } from '../include-fields';

// GET /api/console/configuration and PUT /api/console/configuration/fields: the Configuration
// page's answers and the field editor's save (issue 7 item 6).

/** GET /api/console/configuration takes no query. */
export const configurationQuerySchema = z.strictObject({});

/**
 * PUT /api/console/configuration/fields: the new `include_fields` (validated with the loader's
 * rule: each entry a dot path, no duplicates) and the version token of the file it was based on.
 */
export const saveFieldsBodySchema = z
  .strictObject({
    includeFields: z.array(z.string().max(MAX_FIELD_PATH_LENGTH)).max(MAX_INCLUDE_FIELDS),
    version: z.string().min(1).max(80),
  })
  .superRefine((v, ctx) => {
    for (const p of includeFieldsProblems(v.includeFields)) {
      ctx.addIssue({ code: 'custom', path: p.index === null ? ['includeFields'] : ['includeFields', p.index], message: p.message });
    }
  });
export type SaveFieldsInput = z.infer<typeof saveFieldsBodySchema>;

export interface SignedFieldsDto {
  /** Absolute path of elastic_blockchain_proxy_fields.toml. */
  readonly file: string;
  readonly exists: boolean;
  /** Version token of the file as read (`sha256:…`, or `absent`): send it back with a save. */
  readonly version: string;
  /** The list the file holds (the built-in default when the file is absent); null when the file does not load. */
  readonly current: readonly string[] | null;
  /** Why the file on disk would not load (a hand edit gone wrong); empty when it loads. */
  readonly problems: readonly string[];
  /** The list new logs are signed with right now. */
  readonly inForce: readonly string[];
}

export interface RetentionPolicyDto {
  readonly name: string;
  /** Days until deletion; null = never deleted. */
  readonly days: number | null;
  /** The retention used when a log names none or an unknown one. */
  readonly isDefault: boolean;
}

export interface ConfigurationDto {
  readonly fields: SignedFieldsDto;
  readonly retention: { readonly policies: readonly RetentionPolicyDto[] };
}

export interface SaveFieldsResultDto {
  readonly file: string;
  readonly version: string;
  readonly before: readonly string[] | null;
  readonly after: readonly string[];
  /** The file did not exist and was created. */
  readonly created: boolean;
}
