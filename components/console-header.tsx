'use client';

import {
  EuiFlexGroup,
  EuiFlexItem,
  EuiHeader,
  EuiHeaderBreadcrumbs,
  EuiHeaderSection,
  EuiHeaderSectionItem,
  EuiHeaderSectionItemButton,
  EuiIcon,
  EuiTitle,
  type EuiBreadcrumb,
} from '@elastic/eui';
import Link from 'next/link';
import { AboutPopover } from './about-popover';
import { useConsoleChrome } from './console-chrome';
import type { ProductInfo } from './product-info';
import { UserMenu } from './user-menu';

/**
 * The console's top bar: the Signet mark, the page's breadcrumbs and, when product information is
 * at hand, the About button.
 *
 * Not EuiHeaderLogo: since EUI 122 it always draws the Elastic logo, which is not ours to show.
 */
export function ConsoleHeader({
  breadcrumbs,
  product,
}: {
  breadcrumbs: EuiBreadcrumb[];
  /** Omitted on pages rendered without server data (the 404 page, the error boundary). */
  product?: ProductInfo;
}) {
  const chrome = useConsoleChrome();
  const about = product ?? chrome?.product;
  return (
    <EuiHeader data-test-subj="consoleHeader">
      <EuiHeaderSection>
        {chrome && (
          <EuiHeaderSectionItem>
            <EuiHeaderSectionItemButton aria-label={chrome.navOpen ? 'Hide navigation' : 'Show navigation'} aria-expanded={chrome.navOpen} aria-controls="consoleSideNav" onClick={chrome.toggleNav} data-test-subj="navToggle">
              <EuiIcon type="menu" aria-hidden={true} />
            </EuiHeaderSectionItemButton>
          </EuiHeaderSectionItem>
        )}
        <EuiHeaderSectionItem>
          {/* A plain link styled as a mark, not EuiLink: EUI underlines text links. */}
          <Link href="/" aria-label="Signet overview" data-test-subj="signetLogo" style={{ color: 'inherit', textDecoration: 'none' }}>
            <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false} style={{ paddingInline: 8 }}>
              <EuiFlexItem grow={false}>
                <EuiIcon type="lock" size="l" color="primary" aria-hidden={true} data-test-subj="signetLogoIcon" />
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiTitle size="xxs">
                  <span>Signet</span>
                </EuiTitle>
              </EuiFlexItem>
            </EuiFlexGroup>
          </Link>
        </EuiHeaderSectionItem>
      </EuiHeaderSection>
      <EuiHeaderBreadcrumbs breadcrumbs={breadcrumbs} aria-label="Console breadcrumbs" />
      <EuiHeaderSection side="right">
        {about && (
          <EuiHeaderSectionItem>
            <AboutPopover product={about} />
          </EuiHeaderSectionItem>
        )}
        {chrome && (
          <EuiHeaderSectionItem>
            <UserMenu user={chrome.user} embeddedIdp={chrome.embeddedIdp} />
          </EuiHeaderSectionItem>
        )}
      </EuiHeaderSection>
    </EuiHeader>
  );
}
