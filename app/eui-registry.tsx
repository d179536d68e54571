'use client';

import createCache from '@emotion/cache';
import type { EmotionCache } from '@emotion/cache';
import { EuiProvider, euiStylisPrefixer } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import { useServerInsertedHTML } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { HydrationSafeBreakpoint } from './hydration-safe-breakpoint';

/** One style rule set recorded by the cache since the last flush. */
interface InsertedStyle {
  name: string;
  /** Emotion's <Global> inserts with an empty selector; it rehydrates from its own style tag. */
  isGlobal: boolean;
}

interface Registry {
  cache: EmotionCache;
  /** Returns the names inserted since the previous call and forgets them. */
  flush: () => InsertedStyle[];
}

function createRegistry(): Registry {
  const cache = createCache({ key: 'eui', stylisPlugins: [euiStylisPrefixer] });
  // Compat mode makes the server-side cache keep each rule's CSS in `cache.inserted[name]` instead
  // of returning it for an inline <style> next to the element. Inline tags would be React children
  // the client never renders (hydration mismatch); kept rules are emitted in <head> below.
  cache.compat = true;

  let pending: InsertedStyle[] = [];
  const insert = cache.insert.bind(cache);
  cache.insert = (selector, serialized, sheet, shouldCache) => {
    if (cache.inserted[serialized.name] === undefined) {
      pending.push({ name: serialized.name, isGlobal: selector === '' });
    }
    return insert(selector, serialized, sheet, shouldCache);
  };

  return {
    cache,
    flush: () => {
      const flushed = pending;
      pending = [];
      return flushed;
    },
  };
}

/**
 * Server-renders EUI's Emotion styles with the App Router and provides EUI's theme.
 *
 * One cache per request (a `useState` initializer runs once per render tree, so once per request on
 * the server and once per page load in the browser). Each streamed chunk gets the rules inserted
 * while rendering it, via `useServerInsertedHTML`:
 * - global rules as `<style data-emotion="eui-global NAME">`, the tag emotion's <Global> looks for
 *   to take over on the client;
 * - everything else as one `<style data-emotion="eui n1 n2 ...">`, which the browser-side cache
 *   adopts on creation and marks as inserted, so nothing is injected twice.
 *
 * Without the `cache` prop EUI would fall back to @emotion/css's own cache (key `css`) and no style
 * would reach the server HTML.
 */
export function EuiRegistry({ children }: { children: ReactNode }) {
  const [registry] = useState(createRegistry);

  useServerInsertedHTML(() => {
    const inserted = registry.flush();
    if (inserted.length === 0) return null;

    const globals: { name: string; css: string }[] = [];
    const names: string[] = [];
    let css = '';
    for (const { name, isGlobal } of inserted) {
      const rules = registry.cache.inserted[name];
      // `true` means "inserted but not kept" (a browser-side insert); nothing to emit.
      if (typeof rules !== 'string') continue;
      if (isGlobal) {
        globals.push({ name, css: rules });
      } else {
        names.push(name);
        css += rules;
      }
    }

    return (
      <>
        {globals.map((global) => (
          <style
            key={global.name}
            data-emotion={`${registry.cache.key}-global ${global.name}`}
            dangerouslySetInnerHTML={{ __html: global.css }}
          />
        ))}
        {names.length > 0 && (
          <style
            data-emotion={`${registry.cache.key} ${names.join(' ')}`}
            dangerouslySetInnerHTML={{ __html: css }}
          />
        )}
      </>
    );
  });

  return (
    <EuiProvider theme={EuiThemeBorealis} colorMode="light" cache={registry.cache}>
      <HydrationSafeBreakpoint>{children}</HydrationSafeBreakpoint>
    </EuiProvider>
  );
}
