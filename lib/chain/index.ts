/**
 * lib/chain — Signet's signing core (signing format version 1; normative text in README.md).
 *
 * Contract: PURE. Values and bytes in, values out. No file system, network, environment, clock or
 * randomness: time, keys and chain state are parameters (lint-enforced). Only `node:crypto` hashing
 * is used. Misuse (wrong argument types or values) throws TypeError/RangeError; tampered or
 * malformed *data* under verification is reported as a result, never thrown.
 *
 * Owns: the lossless JSON model, canonical serialization and the number rule, `include_fields`
 * selection, key evolution, batch signing, per-log MAC checks and the sequence rules with El
 * Proxy's codes, CorruptionIds and acknowledgement MACs.
 */
export { LosslessNumber, isPlainObject, type JsonObject, type JsonPrimitive, type JsonValue } from './json-value';
export { parseJson, parseJsonArrayElements, parseJsonBytes, DEFAULT_MAX_DEPTH, type ParseOptions } from './parse-json';
export { blockchainText, signedDocumentText } from './signed-document-text';
export { scanLogArray, type ScannedLog } from './scan-log-array';
export { stringifyJson } from './stringify-json';
export { canonicalize } from './canonicalize';
export { canonicalNumber, canonicalNumberLiteral } from './canonical-number';
export { BLOCKCHAIN_FIELD, compileFieldSelector, fieldPathProblem, selectFields, type FieldSelector } from './select-fields';
export { KEY_LENGTH, assertKey, deriveKey, isWiped, keyFromHex, keyToHex, nextKey, wipeKey } from './key-material';
export { FORMAT_VERSION, envelope, macHex, signingMessage, type SigningInput } from './signing-message';
export { assertHead, cloneHead, genesisHead, headFromKeyFile, headToKeyFile, isHash, type ChainHead, type KeyFileContent } from './chain-head';
export { SignedLog, canonicalFieldsOf, signBatch, signCanonical, unsignableReason, type ChainLink, type EsBlockchain, type SignBatchOptions } from './sign-batch';
export {
  NAME_COMPONENT_MAX,
  acknowledgeBlockchainId,
  assertChainIdentity,
  chainIndexPattern,
  chainName,
  identityKey,
  nameComponentProblem,
  type ChainIdentity,
} from './chain-identity';
export { ErrorCode, WarningCode } from './verification-codes';
export { decodeCorruptionId, encodeCorruptionId, type CorruptionIdData } from './corruption-id';
export { checkEntries, entryFromDocument, type CheckOptions, type EntryCheck, type VerifyEntry } from './verify-entry';
export { createSequenceVerifier, type LogError, type SequenceResult, type SequenceStart } from './sequence-verifier';
export { verifyEntries } from './verify-entries';
export {
  acknowledgementHashValid,
  acknowledgementKey,
  signAcknowledgement,
  type Acknowledgement,
  type AcknowledgementInput,
} from './acknowledgement';
export { ChainError, type ChainErrorCode } from './errors';
