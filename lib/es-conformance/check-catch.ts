import { compileXRegex, isRegexLiteral, regexBody } from './compile-x-regex';

// The named `catch:` values and their statuses (README "do", es-wire.md).
const NAMED: Readonly<Record<string, number>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  missing: 404,
  request_timeout: 408,
  conflict: 409,
  unavailable: 503,
};

// `request` is "a 4xx-5xx error response, not equal to any named response above" in the
// README, where the list above it ends at conflict (409); the reference runner excludes exactly
// 400, 401, 403, 404, 408 and 409, so a 503 also satisfies `request`.
const NOT_REQUEST = new Set([400, 401, 403, 404, 408, 409]);

/** The body's error text, for `catch: /regex/` and failure messages. */
export function errorText(body: unknown): string {
  if (typeof body === 'string') return body;
  return JSON.stringify(body) ?? '';
}

/**
 * Checks a response against the step's `catch:`.
 * @returns undefined when the response is the expected error, otherwise why it is not.
 */
export function checkCatch(catchValue: string, status: number, body: unknown): string | undefined {
  const named = NAMED[catchValue];
  if (named !== undefined) {
    return status === named ? undefined : `expected ${catchValue} (${named}) but got status ${status}`;
  }
  if (catchValue === 'request') {
    return status >= 400 && status < 600 && !NOT_REQUEST.has(status)
      ? undefined
      : `expected a request error (4xx/5xx other than 400, 401, 403, 404, 408, 409) but got status ${status}`;
  }
  if (isRegexLiteral(catchValue)) {
    if (status < 400) return `expected an error matching ${catchValue} but got status ${status}`;
    let pattern: RegExp;
    try {
      pattern = compileXRegex(regexBody(catchValue));
    } catch (err) {
      return `invalid catch regex: ${(err as Error).message}`;
    }
    return pattern.test(errorText(body)) ? undefined : `error does not match ${catchValue}`;
  }
  return `unknown catch value [${catchValue}]`;
}
