'use client';

import type { ReactNode } from 'react';
import { registerEuiIcons } from '@/components/register-eui-icons';
import { EuiRegistry } from './eui-registry';

// At module scope so the icons are in EUI's cache before the first render, on the server and in
// the browser alike.
registerEuiIcons();

/**
 * Every client-side context the console needs, in one place, rendered by the root layout.
 *
 * Order matters as providers are added: session (next-auth `SessionProvider`, with the login issue)
 * goes outermost, so that anything inside EUI can read it; data fetching (SWR config) goes inside
 * it. EUI and its style registry stay innermost-but-one because every page renders EUI.
 */
export function Providers({ children }: { children: ReactNode }) {
  return <EuiRegistry>{children}</EuiRegistry>;
}
