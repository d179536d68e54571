/** The signing-format version this build writes (SPEC §4; normative text in lib/chain/README.md). */
export const SIGNING_FORMAT_VERSION = 1 as const;
