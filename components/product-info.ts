/**
 * What the console knows about the running product. Built on the server (from package.json and the
 * signing core's constants) and passed to client components as a plain, serializable prop.
 */
export interface ProductInfo {
  /** Display name, e.g. "Signet". */
  name: string;
  /** The package version of this build, e.g. "0.1.0". */
  version: string;
  /** The version of the signing format written into `ES_BLOCKCHAIN.version` (SPEC §4). */
  signingFormatVersion: number;
}
