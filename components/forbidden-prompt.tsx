'use client';

import { EuiBadge, EuiButton, EuiFlexGroup, EuiFlexItem, EuiPageTemplate, EuiSpacer } from '@elastic/eui';
import { useState } from 'react';
import { logout } from '@/lib/client';
import { ConsolePage } from './console-page';

/** The 403 page: who is signed in, the roles they have, and a way to sign in as someone else. */
export function ForbiddenPrompt({ username, roles }: { username: string | null; roles: string[] }) {
  const [leaving, setLeaving] = useState(false);
  return (
    <ConsolePage breadcrumbs={[{ text: 'Access denied' }]} data-test-subj="forbiddenPage">
      <EuiPageTemplate.EmptyPrompt
        iconType="lock"
        color="danger"
        title={<h1 data-test-subj="forbiddenTitle">403 — Access denied</h1>}
        body={
          <>
            <p>
              {username === null ? 'You' : <strong data-test-subj="forbiddenUsername">{username}</strong>} {username === null ? 'do' : 'does'} not hold any Signet console role. Ask an administrator for
              signet-viewer, signet-operator or signet-auditor (or the names configured for them).
            </p>
            <EuiSpacer size="s" />
            <EuiFlexGroup gutterSize="xs" justifyContent="center" wrap responsive={false} data-test-subj="forbiddenRoles">
              {roles.length === 0 ? (
                <EuiFlexItem grow={false}>
                  <EuiBadge color="hollow">no roles</EuiBadge>
                </EuiFlexItem>
              ) : (
                roles.slice(0, 20).map((r) => (
                  <EuiFlexItem grow={false} key={r}>
                    <EuiBadge color="hollow">{r}</EuiBadge>
                  </EuiFlexItem>
                ))
              )}
            </EuiFlexGroup>
          </>
        }
        actions={
          <EuiButton
            iconType="logOut"
            isLoading={leaving}
            onClick={() => {
              setLeaving(true);
              void logout();
            }}
            data-test-subj="logoutButton"
          >
            Log out and sign in as someone else
          </EuiButton>
        }
      />
    </ConsolePage>
  );
}
