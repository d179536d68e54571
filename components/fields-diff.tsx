'use client';

import { EuiText, useEuiTheme } from '@elastic/eui';
import { diffLists } from '@/lib/shared';

/** The `include_fields` diff: the file's list against the edited one, one field per line. */
export function FieldsDiff({ before, after }: { before: readonly string[]; after: readonly string[] }) {
  const { euiTheme } = useEuiTheme();
  const lines = diffLists(before, after);
  const changed = lines.filter((l) => l.op !== 'same').length;
  return (
    <EuiText size="s" data-test-subj="fieldsDiff">
      {changed === 0 ? (
        <p data-test-subj="fieldsDiffNone">No change: the list is the one in the file.</p>
      ) : (
        <pre style={{ margin: 0, padding: euiTheme.size.s, background: euiTheme.colors.backgroundBaseSubdued, borderRadius: euiTheme.border.radius.medium, maxHeight: 360, overflow: 'auto' }}>
          {lines.map((l, i) => (
            <div
              key={`${i}-${l.op}-${l.value}`}
              data-test-subj={l.op === 'added' ? 'fieldsDiffAdded' : l.op === 'removed' ? 'fieldsDiffRemoved' : 'fieldsDiffSame'}
              style={{
                color: l.op === 'added' ? euiTheme.colors.textSuccess : l.op === 'removed' ? euiTheme.colors.textDanger : euiTheme.colors.textSubdued,
                background: l.op === 'added' ? euiTheme.colors.backgroundLightSuccess : l.op === 'removed' ? euiTheme.colors.backgroundLightDanger : undefined,
              }}
            >
              {l.op === 'added' ? '+ ' : l.op === 'removed' ? '- ' : '  '}
              {l.value}
            </div>
          ))}
        </pre>
      )}
    </EuiText>
  );
}
