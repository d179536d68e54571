// @vitest-environment jsdom
import { EuiProvider } from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfigurationDto } from '@/lib/shared';
import { ConfigurationPage } from './configuration-page';
import { ConsoleChrome } from './console-chrome';

vi.mock('next/navigation', () => ({ usePathname: () => '/configuration' }));
class FakeApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}
const DATA: ConfigurationDto = {
  fields: { file: '/etc/signet/elastic_blockchain_proxy_fields.toml', exists: true, version: 'sha256:aa', current: ['@timestamp', 'message', 'host.name'], problems: [], inForce: ['@timestamp', 'message', 'host.name'] },
  retention: { policies: [{ name: '6_months', days: 180, isDefault: false }, { name: '2_years', days: 730, isDefault: true }, { name: 'infinite', days: null, isDefault: false }] },
};
const state: { data: ConfigurationDto } = { data: DATA };
const save = vi.fn();
const mutate = vi.fn(async () => undefined);
vi.mock('@/lib/client', () => ({
  useConfiguration: () => ({ data: state.data, error: undefined, isLoading: false, mutate }),
  saveSignedFields: (list: string[], version: string) => save(list, version),
}));

configure({ testIdAttribute: 'data-test-subj' });
beforeEach(() => {
  state.data = DATA;
  save.mockReset();
  mutate.mockClear();
});
afterEach(cleanup);

const product = { name: 'Signet', version: '1.2.3', signingFormatVersion: 1 };
const page = (permissions: string[]) =>
  render(
    <EuiProvider theme={EuiThemeBorealis} colorMode="light">
      <ConsoleChrome user={{ username: 'u', roles: [], permissions }} product={product} embeddedIdp>
        <ConfigurationPage />
      </ConsoleChrome>
    </EuiProvider>,
  );
const inputs = () => screen.getAllByTestId('fieldInput') as HTMLInputElement[];

describe('configuration page', () => {
  it('viewers see the fields and retention policies read-only', () => {
    page(['session', 'read']);
    expect(screen.getByTestId('fieldsReadOnly').textContent).toBe('@timestampmessagehost.name');
    expect(screen.queryByTestId('fieldInput')).toBeNull();
    expect(screen.queryByTestId('fieldsSaveButton')).toBeNull();
    expect(screen.getAllByTestId('retentionDays').map((e) => e.textContent)).toEqual(['180 days', '730 days', 'never']);
    expect(screen.getByTestId('retentionTable').textContent).toContain('default');
  });

  it('an entry that is not a dot path gets an inline error and disables Save', () => {
    page(['session', 'read', 'operate']);
    expect(screen.getByTestId('fieldsSaveButton').hasAttribute('disabled')).toBe(true); // nothing changed yet
    fireEvent.change(inputs()[2] as HTMLInputElement, { target: { value: 'host..name' } });
    expect(screen.getByText(/has an empty segment/)).toBeTruthy();
    expect(screen.getByTestId('fieldsSaveButton').hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByTestId('fieldAddInput'), { target: { value: 'ES_BLOCKCHAIN.hash' } });
    expect(screen.getByText(/signature itself/)).toBeTruthy();
    expect(screen.getByTestId('fieldAddButton').hasAttribute('disabled')).toBe(true);
  });

  it('operators add, remove and reorder, see the diff, confirm, and the list is saved with the loaded version', async () => {
    save.mockResolvedValue({ file: DATA.fields.file, version: 'sha256:bb', before: DATA.fields.current, after: [], created: false });
    page(['session', 'read', 'operate']);
    fireEvent.change(screen.getByTestId('fieldAddInput'), { target: { value: 'event.dataset' } });
    fireEvent.click(screen.getByTestId('fieldAddButton'));
    fireEvent.click(screen.getAllByTestId('fieldRemove')[1] as HTMLElement); // message
    fireEvent.click(screen.getAllByTestId('fieldMoveUp')[1] as HTMLElement); // host.name above @timestamp
    expect(inputs().map((i) => i.value)).toEqual(['host.name', '@timestamp', 'event.dataset']);
    const diff = screen.getByTestId('fieldsDiff');
    expect(within(diff).getAllByTestId('fieldsDiffAdded').map((e) => e.textContent)).toContain('+ event.dataset');
    expect(within(diff).getAllByTestId('fieldsDiffRemoved').map((e) => e.textContent)).toContain('- message');
    fireEvent.click(screen.getByTestId('fieldsSaveButton'));
    const modal = screen.getByTestId('fieldsConfirmModal');
    expect(within(modal).getAllByTestId('fieldsDiffAdded').length).toBeGreaterThan(0);
    expect(save).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    expect(await screen.findByTestId('fieldsToastSaved')).toBeTruthy();
    expect(save).toHaveBeenCalledWith(['host.name', '@timestamp', 'event.dataset'], 'sha256:aa');
    expect(mutate).toHaveBeenCalled();
  });

  it('a file changed on disk since the page loaded (409) is said clearly, with a way to reload', async () => {
    save.mockRejectedValue(new FakeApiError(409, 'ERR_FIELDS_FILE_CHANGED', 'elastic_blockchain_proxy_fields.toml changed on disk since it was loaded'));
    page(['session', 'read', 'operate']);
    fireEvent.click(screen.getAllByTestId('fieldRemove')[0] as HTMLElement);
    fireEvent.click(screen.getByTestId('fieldsSaveButton'));
    fireEvent.click(screen.getByTestId('confirmModalConfirmButton'));
    expect((await screen.findByTestId('fieldsConflict')).textContent).toContain('changed on disk');
    fireEvent.click(screen.getByTestId('fieldsReload'));
    expect(mutate).toHaveBeenCalled();
  });

  it('warns when the file does not load or differs from the list in force', () => {
    state.data = { ...DATA, fields: { ...DATA.fields, current: ['message'], problems: [] } };
    page(['session', 'read', 'operate']);
    expect(screen.getByTestId('fieldsNotInForce')).toBeTruthy();
    cleanup();
    state.data = { ...DATA, fields: { ...DATA.fields, current: null, problems: ['include_fields[0] must not be empty'] } };
    page(['session', 'read', 'operate']);
    expect(screen.getByTestId('fieldsFileProblems').textContent).toContain('must not be empty');
    expect(inputs().map((i) => i.value)).toEqual(DATA.fields.inForce);
  });
});
