// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientOnly } from './client-only';

afterEach(cleanup);

describe('ClientOnly', () => {
  it('renders the fallback on the server', () => {
    const html = renderToString(<ClientOnly fallback={<span>loading</span>}>client content</ClientOnly>);
    expect(html).toContain('loading');
    expect(html).not.toContain('client content');
  });

  it('renders the children in the browser', () => {
    render(<ClientOnly fallback={<span>loading</span>}>client content</ClientOnly>);
    expect(screen.getByText('client content')).toBeTruthy();
    expect(screen.queryByText('loading')).toBeNull();
  });
});
