/**
 * Content negotiation as Elasticsearch 8 does it: JSON and NDJSON, plain or in the vendor form
 * `application/vnd.elasticsearch+json; compatible-with=7|8|9` (9: clients of the 9.x line).
 * Form-encoded bodies are refused with 406 (curl without -H); an invalid compatible version is a
 * 400 `media_type_header_exception`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { esError, type EmbeddedEsError } from '../errors/embedded-es-error';

const VENDOR = /application\/vnd\.elasticsearch\+(json|x-ndjson)/i;
const COMPAT = /compatible-with\s*=\s*"?(\d+)/i;

export interface Negotiated {
  compatVersion: number | undefined;
  /** Content-Type of the response. */
  responseType: string;
}

function version(header: string | undefined, name: string): number | undefined | EmbeddedEsError {
  if (!header || !VENDOR.test(header)) return undefined;
  const m = COMPAT.exec(header);
  const v = m ? Number(m[1]) : NaN;
  if (v === 7 || v === 8 || v === 9) return v;
  return esError({
    status: 400,
    type: 'media_type_header_exception',
    reason: `Invalid media-type value on headers [${name}]`,
    causedBy: {
      type: 'status_exception',
      reason: `${name} version must be either version 8 or 7, but found ${m ? m[1] : 'none'}. ${name}=${header}`,
    },
  });
}

/** Checks the request's media types; returns the compatible version or an error response. */
export function negotiate(headers: IncomingHttpHeaders, hasBody: boolean): Negotiated | EmbeddedEsError | { status: 406; error: string } {
  const contentType = headers['content-type'];
  const accept = headers.accept;
  if (hasBody && contentType && /^(application\/x-www-form-urlencoded|multipart\/)/i.test(contentType.trim())) {
    return { status: 406, error: `Content-Type header [${contentType}] is not supported` };
  }
  const cv = version(contentType, 'Content-Type');
  if (cv instanceof Error) return cv;
  const av = version(accept, 'Accept');
  if (av instanceof Error) return av;
  const compatVersion = av ?? cv;
  const responseType = av !== undefined ? `application/vnd.elasticsearch+json;compatible-with=${av}` : 'application/json';
  return { compatVersion, responseType };
}
