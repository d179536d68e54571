/**
 * lib/shared — isomorphic definitions shared by the server, the CLI and the browser.
 *
 * Contract: pure and dependency-free apart from schema libraries; imports nothing else from lib/.
 * Holds DTO types, request/response schemas, route constants and product constants.
 */
export { SIGNING_FORMAT_VERSION } from './signing-format';
export * from './console-api';
export { checkFieldPath, includeFieldsProblems, MAX_INCLUDE_FIELDS, MAX_FIELD_PATH_LENGTH, type IncludeFieldsProblem } from './include-fields';
export { prettyJsonText } from './pretty-json-text';
export { diffLists, type ListDiffLine } from './diff-lists';
