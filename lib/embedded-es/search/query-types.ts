/** The query AST the DSL parser produces and the evaluator runs. */
export type Query =
  | { kind: 'match_all'; boost: number }
  | { kind: 'match_none' }
  | { kind: 'term'; field: string; value: unknown; boost: number; caseInsensitive: boolean }
  | { kind: 'terms'; field: string; values: unknown[]; boost: number }
  | { kind: 'range'; field: string; gt?: unknown; gte?: unknown; lt?: unknown; lte?: unknown; format?: string; boost: number }
  | { kind: 'exists'; field: string; boost: number }
  | { kind: 'ids'; values: string[]; boost: number }
  | { kind: 'prefix'; field: string; value: string; boost: number; caseInsensitive: boolean }
  | { kind: 'wildcard'; field: string; value: string; boost: number; caseInsensitive: boolean }
  | { kind: 'regexp'; field: string; value: string; boost: number }
  | { kind: 'match'; field: string; query: unknown; operator: 'or' | 'and'; minimumShouldMatch?: string; boost: number; phrase: boolean; zeroTermsAll: boolean }
  | { kind: 'multi_match'; fields: string[]; query: unknown; operator: 'or' | 'and'; boost: number; phrase: boolean }
  | { kind: 'bool'; must: Query[]; filter: Query[]; should: Query[]; mustNot: Query[]; minimumShouldMatch?: string; boost: number }
  | { kind: 'constant_score'; filter: Query; boost: number };
