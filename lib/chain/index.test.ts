import { describe, expect, it } from 'vitest';
import * as chain from './index';

describe('lib/chain public surface', () => {
  it('exports the documented API and nothing that does I/O', () => {
    const names = Object.keys(chain).sort();
    expect(names).toEqual(
      [
        'BLOCKCHAIN_FIELD', 'ChainError', 'blockchainText', 'signedDocumentText', 'parseJsonArrayElements', 'DEFAULT_MAX_DEPTH', 'ErrorCode', 'FORMAT_VERSION', 'KEY_LENGTH', 'LosslessNumber', 'NAME_COMPONENT_MAX', 'SignedLog', 'WarningCode',
        'acknowledgeBlockchainId', 'acknowledgementHashValid', 'acknowledgementKey', 'assertChainIdentity', 'assertHead', 'assertKey', 'canonicalFieldsOf', 'canonicalNumber', 'canonicalNumberLiteral',
        'canonicalize', 'chainIndexPattern', 'chainName', 'checkEntries', 'cloneHead', 'compileFieldSelector', 'createSequenceVerifier', 'decodeCorruptionId', 'deriveKey',
        'encodeCorruptionId', 'entryFromDocument', 'envelope', 'fieldPathProblem', 'genesisHead', 'headFromKeyFile', 'headToKeyFile', 'identityKey', 'isHash', 'isPlainObject', 'isWiped',
        'keyFromHex', 'keyToHex', 'macHex', 'nameComponentProblem', 'nextKey', 'parseJson', 'parseJsonBytes', 'selectFields', 'signAcknowledgement', 'signBatch', 'signCanonical',
        'scanLogArray', 'signingMessage', 'stringifyJson', 'unsignableReason', 'verifyEntries', 'wipeKey',
      ].sort(),
    );
    for (const name of names) expect((chain as Record<string, unknown>)[name], name).toBeDefined();
    expect(Object.values(chain.ErrorCode)).toHaveLength(6);
    expect(Object.values(chain.WarningCode)).toHaveLength(5);
  });

  it('LosslessNumber accepts only JSON number literals', () => {
    expect(new chain.LosslessNumber('-1.5e3').literal).toBe('-1.5e3');
    for (const bad of ['', '1.', 'abc', ' 1', '0x1']) expect(() => new chain.LosslessNumber(bad)).toThrow(TypeError);
    expect(() => new chain.LosslessNumber(5 as unknown as string)).toThrow(TypeError);
  });
});
