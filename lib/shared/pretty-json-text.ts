// Indents JSON text for display WITHOUT parsing it: numbers such as 9007199254740993 or 1.50
// and the member order stay exactly as written (a signed document is shown as stored). Pure.

/**
 * Re-indents JSON text (two spaces). Text that is not well-formed JSON comes back with the same
 * tokens, indented as far as the brackets allow; strings are copied verbatim.
 * @example prettyJsonText('{"a":[1,2.50]}') // → '{\n  "a": [\n    1,\n    2.50\n  ]\n}'
 */
export function prettyJsonText(text: string): string {
  let out = '';
  let depth = 0;
  const pad = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let k = i + 1;
      while (k < text.length && /\s/.test(text[k] as string)) k++;
      if (text[k] === close) {
        out += c + close;
        i = k;
      } else {
        depth++;
        out += c + pad();
      }
    } else if (c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
      out += pad() + c;
    } else if (c === ',') out += ',' + pad();
    else if (c === ':') out += ': ';
    else if (!/\s/.test(c)) out += c;
  }
  return out;
}
