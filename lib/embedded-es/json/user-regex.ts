/**
 * Regular expressions from requests (`regexp` queries, `terms` include/exclude, dynamic template
 * `match_pattern: regex`). Input is caller-controlled: the length is bounded like Elasticsearch's
 * `index.max_regex_length` (1000) and an invalid pattern is a 400, never a 500.
 */
import { illegalArgument } from '../errors/es-errors';

const MAX_REGEX_LENGTH = 1000;
const cache = new Map<string, RegExp>();

/** Compiles a whole-string-matching regex. @throws illegal_argument_exception */
export function userRegex(pattern: string, flags = ''): RegExp {
  const key = flags + '/' + pattern;
  const hit = cache.get(key);
  if (hit) return hit;
  if (pattern.length > MAX_REGEX_LENGTH) {
    throw illegalArgument(`The length of regex [${pattern.length}] used in the Regexp Query request has exceeded the allowed maximum of [${MAX_REGEX_LENGTH}]. This maximum can be set by changing the [index.max_regex_length] index level setting.`);
  }
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`, flags);
  } catch (err) {
    throw illegalArgument(`failed to parse regexp [${pattern}]: ${(err as Error).message}`);
  }
  if (cache.size > 256) cache.clear();
  cache.set(key, re);
  return re;
}
