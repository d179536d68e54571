/**
 * El Proxy's verification outcome codes, with its exact names (reference §8.4–8.5): warnings
 * leave a run successful, errors fail it.
 */
export const WarningCode = {
  UntrustedFirstIterationNoStateHistory: 'Untrusted First Iteration No State History',
  UntrustedFirstIterationInsufficientInfo: 'Untrusted First Iteration Insufficient Info',
  UnknownFirstIteration: 'Unknown First Iteration',
  EmptyBlockchain: 'Empty Blockchain',
  DuplicateLogFound: 'Duplicate Log Found',
} as const;
export type WarningCode = (typeof WarningCode)[keyof typeof WarningCode];

export const ErrorCode = {
  EmptyBlockchainCorruption: 'Empty Blockchain Corruption',
  LogBadIteration: 'Log Verification Bad Iteration',
  LogWrongPreviousHash: 'Log Verification Wrong Previous Hash',
  LogWrongHash: 'Log Verification Wrong Hash',
  AckWrongPreviousHash: 'Acknowledgement Verification Wrong Previous Hash',
  AckWrongHash: 'Acknowledgement Verification Wrong Hash',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
