/**
 * Which templates apply to a new index, and what they add up to: the highest-priority matching
 * composable template (its component templates in order, then its own `template`), or, when
 * none matches, the matching legacy templates by ascending `order`.
 */
import { globMatch } from '../json/glob';
import type { AliasMeta, Json } from '../state/metadata';
import type { Store } from '../state/store';
import { mergeMappings } from './mappings';
import { normalizeSettings } from './settings';

export interface Composed {
  settings: Record<string, string>;
  mappings: Json;
  aliases: Record<string, AliasMeta>;
  /** Name of the composable template used, if any. */
  template?: string;
  /** The template's `data_stream` object when it creates data streams. */
  dataStream?: Json;
}

function isObj(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function patterns(body: Json): string[] {
  const p = body.index_patterns;
  return Array.isArray(p) ? p.map(String) : typeof p === 'string' ? [p] : [];
}

/** The composable template for `name` (highest priority wins). */
export function findIndexTemplate(store: Store, name: string): { name: string; body: Json } | undefined {
  let best: { name: string; body: Json; priority: number } | undefined;
  for (const [tname, body] of store.templates.index) {
    if (!patterns(body).some((p) => globMatch(p, name))) continue;
    const priority = Number(body.priority ?? 0);
    if (!best || priority > best.priority) best = { name: tname, body, priority };
  }
  return best;
}

function addLayer(out: Composed, layer: Json | undefined): void {
  if (!layer) return;
  if (isObj(layer.settings)) out.settings = { ...out.settings, ...normalizeSettings(layer.settings) };
  if (isObj(layer.mappings)) out.mappings = mergeMappings(out.mappings, layer.mappings, 'override');
  if (isObj(layer.aliases)) out.aliases = { ...out.aliases, ...(layer.aliases as Record<string, AliasMeta>) };
}

/** Merges a composable template with its component templates. */
export function composeIndexTemplate(store: Store, name: string, body: Json): Composed {
  const out: Composed = { settings: {}, mappings: {}, aliases: {}, template: name };
  const composed = Array.isArray(body.composed_of) ? body.composed_of.map(String) : [];
  for (const c of composed) {
    const comp = store.templates.component.get(c);
    if (comp && isObj(comp.template)) addLayer(out, comp.template);
  }
  if (isObj(body.template)) addLayer(out, body.template);
  if (isObj(body.data_stream)) out.dataStream = body.data_stream;
  return out;
}

/** Everything templates contribute to a new index called `name`. */
export function templatesFor(store: Store, name: string): Composed {
  const v2 = findIndexTemplate(store, name);
  if (v2) return composeIndexTemplate(store, v2.name, v2.body);
  const out: Composed = { settings: {}, mappings: {}, aliases: {} };
  const legacy = [...store.templates.legacy.values()]
    .filter((t) => patterns(t).some((p) => globMatch(p, name)))
    .sort((a, b) => Number(a.order ?? 0) - Number(b.order ?? 0));
  for (const t of legacy) addLayer(out, t);
  return out;
}
