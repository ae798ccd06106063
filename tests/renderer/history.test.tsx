import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { HistoryScreen } from '../../src/renderer/src/features/history/HistoryScreen';
import { resetCoachStore } from '../../src/renderer/src/store';
import { QUESTIONS, SESSION_ID, installFakeApi } from './fakeApi';

describe('HistoryScreen', () => {
  let fake: ReturnType<typeof installFakeApi>;

  beforeEach(() => {
    resetCoachStore();
    fake = installFakeApi();
  });

  it('lists saved sessions with their numbers', async () => {
    render(<HistoryScreen />);
    const list = await screen.findByRole('list', { name: 'Saved sessions' });
    const rows = list.querySelectorAll('button.session-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Morning warm-up');
    expect(rows[0]!.textContent).toContain('2 answers');
    expect(rows[0]!.textContent).toContain('02:05');
    expect(rows[0]!.textContent).toContain('141 wpm');
    expect(rows[0]!.textContent).toContain('5 fillers');
    expect(rows[1]!.textContent).toContain('1 answer');
  });

  it('opens a session, shows every answer, and Escape goes back', async () => {
    const user = userEvent.setup();
    render(<HistoryScreen />);
    await user.click(await screen.findByRole('button', { name: /Morning warm-up/ }));

    expect(fake.api.getSession).toHaveBeenCalledWith(SESSION_ID);
    expect(await screen.findByRole('heading', { level: 1, name: 'Morning warm-up' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: QUESTIONS[0]!.text })).toBeTruthy();
    expect(screen.getByRole('heading', { name: QUESTIONS[1]!.text })).toBeTruthy();
    expect(document.querySelectorAll('.transcript mark.filler')).toHaveLength(4);

    await user.keyboard('{Escape}');
    await screen.findByRole('list', { name: 'Saved sessions' });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Morning warm-up'));
  });

  it('shows an empty state when nothing is saved', async () => {
    fake.api.listHistory.mockResolvedValue({ sessions: [], total: 0, offset: 0 });
    render(<HistoryScreen />);
    expect(await screen.findByText('No practice sessions yet')).toBeTruthy();
  });

  it('explains a failure to load', async () => {
    fake.api.listHistory.mockRejectedValue(new Error('database is locked'));
    render(<HistoryScreen />);
    expect((await screen.findByRole('alert')).textContent).toContain('database is locked');
  });
});
