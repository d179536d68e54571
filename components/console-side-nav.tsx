'use client';

import { EuiSideNav, type EuiSideNavItemType } from '@elastic/eui';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { CONSOLE_PAGES } from '@/lib/shared';

/** True when `pathname` is `path` or below it (`/` matches only itself). */
export function isCurrentPage(pathname: string, path: string): boolean {
  return path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
}

/** The console's pages (SPEC §11) in the side navigation; links navigate client-side. */
export function ConsoleSideNav() {
  const pathname = usePathname() ?? '/';
  const items: EuiSideNavItemType<unknown>[] = CONSOLE_PAGES.map((page) => ({
    id: page.id,
    name: page.title,
    icon: undefined,
    href: page.path,
    isSelected: isCurrentPage(pathname, page.path),
    'data-test-subj': `nav-${page.id}`,
    renderItem: ({ href, children, className }) => (
      <Link href={href ?? '/'} className={className} aria-current={isCurrentPage(pathname, page.path) ? 'page' : undefined} data-test-subj={`nav-${page.id}`}>
        {children}
      </Link>
    ),
  }));
  return (
    <EuiSideNav
      aria-label="Console pages"
      // No mobile mode: it depends on the viewport, which the server cannot know (hydration).
      mobileBreakpoints={[]}
      items={[{ id: 'console', name: 'Signet', items }]}
      data-test-subj="consoleSideNav"
    />
  );
}
