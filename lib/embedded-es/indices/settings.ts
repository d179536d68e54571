/**
 * Index settings are kept flat (`index.number_of_shards` → "1") with string values, as
 * Elasticsearch stores them; `flat_settings=false` output nests them again.
 */
import type { Json } from '../state/metadata';

function flattenInto(out: Record<string, string>, prefix: string, v: unknown): void {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Json)) flattenInto(out, prefix === '' ? k : `${prefix}.${k}`, x);
    return;
  }
  if (v === null || v === undefined) return;
  out[prefix] = Array.isArray(v) ? v.map(String).join(',') : String(v);
}

/** Flattens request settings and adds the `index.` prefix where Elasticsearch implies it. */
export function normalizeSettings(input: unknown): Record<string, string> {
  const flat: Record<string, string> = {};
  flattenInto(flat, '', input ?? {});
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(flat)) {
    const key = k.startsWith('index.') || k.startsWith('archived.') ? k : `index.${k}`;
    out[key] = v;
  }
  return out;
}

/** Nests flat settings for `flat_settings=false` output. */
export function nestSettings(flat: Record<string, string>): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(flat).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const parts = key.split('.');
    let obj = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i] as string;
      const next = obj[p];
      if (next === undefined || typeof next !== 'object') obj[p] = {};
      obj = obj[p] as Json;
    }
    obj[parts[parts.length - 1] as string] = value;
  }
  return out;
}

/** Settings as a response wants them. */
export function renderSettings(flat: Record<string, string>, flatSettings: boolean): Json {
  return flatSettings ? { ...flat } : nestSettings(flat);
}
