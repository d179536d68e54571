'use client';

import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ProductInfo } from './product-info';

/** The signed-in user as the console chrome shows them (plain data from the server). */
export interface ChromeUser {
  readonly username: string;
  /** Console roles only. */
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
}

interface ChromeValue {
  readonly user: ChromeUser;
  readonly product: ProductInfo;
  /** Users are managed with `signet users` (embedded provider) rather than in Keycloak. */
  readonly embeddedIdp: boolean;
  readonly navOpen: boolean;
  toggleNav(): void;
}

const ChromeContext = createContext<ChromeValue | null>(null);

/**
 * Provided by the console layout (signed-in pages only): who is signed in and whether the side
 * navigation is open. Pages rendered outside it (login, 403, 404, errors) get a bare header.
 * The navigation state lives here, in the layout, so it survives client-side navigation.
 */
export function ConsoleChrome({ user, product, embeddedIdp, children }: { user: ChromeUser; product: ProductInfo; embeddedIdp: boolean; children: ReactNode }) {
  const [navOpen, setNavOpen] = useState(true);
  const value = useMemo<ChromeValue>(() => ({ user, product, embeddedIdp, navOpen, toggleNav: () => setNavOpen((o) => !o) }), [user, product, embeddedIdp, navOpen]);
  return <ChromeContext.Provider value={value}>{children}</ChromeContext.Provider>;
}

/** The chrome of a signed-in page, or null outside the console layout. */
export function useConsoleChrome(): ChromeValue | null {
  return useContext(ChromeContext);
}
