// Elasticsearch reports deprecations in RFC 7234 `Warning` headers:
//   299 Elasticsearch-8.19.2-abc "Legacy index templates are deprecated" "Mon, 01 Jan 2024 ..."
// Several warnings may share one header value, separated by commas that sit between quoted
// strings. YAML `warnings:` lists compare against the unescaped warn-text only.

const WARNING = /(\d{3})\s+(\S+)\s+"((?:[^"\\]|\\.)*)"(?:\s+"(?:[^"\\]|\\.)*")?/g;

/** Extracts the warn-text of every warning in `header` (a header value or list of values). */
export function parseWarningHeader(header: string | readonly string[] | undefined): string[] {
  if (header === undefined) return [];
  const values = typeof header === 'string' ? [header] : header;
  const texts: string[] = [];
  for (const value of values) {
    for (const match of value.matchAll(WARNING)) {
      texts.push((match[3] ?? '').replace(/\\(.)/g, '$1'));
    }
  }
  return texts;
}
