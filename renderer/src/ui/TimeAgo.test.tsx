// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n';
import { TimeAgo } from './TimeAgo';

afterEach(cleanup);

const now = Date.parse('2026-11-26T11:05:00Z');

describe('time ago', () => {
  it('says the time relative to now, the exact Istanbul time in its title', () => {
    initI18n('tr');
    render(<TimeAgo at="2026-11-26T11:00:00Z" now={now} prefix="Son görülme" />);
    const time = screen.getByText('5 dakika önce');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('datetime')).toBe('2026-11-26T11:00:00Z');
    expect(time.getAttribute('title')).toBe('Son görülme 26.11.2026 14:00');
  });

  it('follows the language', () => {
    initI18n('en');
    render(<TimeAgo at="2026-11-26T09:05:00Z" now={now} />);
    expect(screen.getByText('2 hours ago').getAttribute('title')).toBe('26/11/2026, 12:05');
  });
});
