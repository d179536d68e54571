'use client';

import { EuiAvatar, EuiBadge, EuiButton, EuiFlexGroup, EuiFlexItem, EuiHeaderSectionItemButton, EuiPopover, EuiSpacer, EuiText } from '@elastic/eui';
import { useState } from 'react';
import { logout } from '@/lib/client';
import type { ChromeUser } from './console-chrome';

/** The header's user menu: who is signed in, their console roles, and Log out. */
export function UserMenu({ user, embeddedIdp }: { user: ChromeUser; embeddedIdp: boolean }) {
  const [isOpen, setIsOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const button = (
    <EuiHeaderSectionItemButton aria-label={`User menu of ${user.username}`} aria-expanded={isOpen} aria-haspopup="dialog" onClick={() => setIsOpen((o) => !o)} data-test-subj="userMenuButton">
      <EuiAvatar name={user.username} size="s" />
    </EuiHeaderSectionItemButton>
  );
  return (
    <EuiPopover button={button} isOpen={isOpen} closePopover={() => setIsOpen(false)} anchorPosition="downRight" aria-label="User menu" panelProps={{ 'data-test-subj': 'userMenu' }}>
      <div style={{ width: 260 }}>
        <EuiText size="s">
          <strong data-test-subj="userMenuUsername">{user.username}</strong>
        </EuiText>
        <EuiSpacer size="s" />
        <EuiFlexGroup gutterSize="xs" wrap responsive={false} data-test-subj="userMenuRoles">
          {user.roles.length === 0 ? (
            <EuiFlexItem grow={false}>
              <EuiBadge color="hollow">no console role</EuiBadge>
            </EuiFlexItem>
          ) : (
            user.roles.map((r) => (
              <EuiFlexItem grow={false} key={r}>
                <EuiBadge color="hollow">{r}</EuiBadge>
              </EuiFlexItem>
            ))
          )}
        </EuiFlexGroup>
        <EuiSpacer size="s" />
        <EuiText size="xs" color="subdued">
          <p>{embeddedIdp ? 'Signed in with the embedded OpenID provider (users: signet users).' : 'Signed in with Keycloak.'}</p>
        </EuiText>
        <EuiSpacer size="m" />
        <EuiButton
          fullWidth
          size="s"
          iconType="logOut"
          isLoading={leaving}
          onClick={() => {
            setLeaving(true);
            void logout();
          }}
          data-test-subj="logoutButton"
        >
          Log out
        </EuiButton>
      </div>
    </EuiPopover>
  );
}
