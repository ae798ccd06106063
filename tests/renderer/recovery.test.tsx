// Visible recovery in the page (issue #12): the banner of answers recovered at start, and a page whose
// server went away mid-answer stopping at once and saying what happened.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as MicrophoneModule from '../../src/renderer/src/audio/microphone';
import { startMicrophone } from '../../src/renderer/src/audio/microphone';
import { App } from '../../src/renderer/src/App';
import { resetCoachStore } from '../../src/renderer/src/store';
import type { RecoveryNotice } from '../../src/shared/recoveryNotice';
import { ANSWER_ID, QUESTIONS, installFakeApi } from './fakeApi';

vi.mock('../../src/renderer/src/audio/microphone', async (importOriginal) => ({
  ...(await importOriginal<typeof MicrophoneModule>()),
  startMicrophone: vi.fn(),
  listInputDevices: vi.fn(async () => []),
  watchInputDevices: vi.fn(() => () => undefined),
}));

const LONG_QUESTION = 'Tell me about a time you disagreed with your manager and how you resolved it';

const notice = (overrides: Partial<RecoveryNotice> = {}): RecoveryNotice => ({
  answerId: 'a-recovered',
  sessionId: 's-recovered',
  questionText: LONG_QUESTION,
  durationSec: 14.2,
  transcribed: true,
  recoveredAt: '2026-01-01T10:00:00Z',
  ...overrides,
});

describe('the recovered-answers banner', () => {
  let fake: ReturnType<typeof installFakeApi>;

  beforeEach(() => {
    resetCoachStore();
    window.history.replaceState(null, '', '#/practice');
    fake = installFakeApi();
  });

  it('announces each recovered answer with its question cut at a word, and opens its review', async () => {
    fake.api.listRecoveryNotices.mockResolvedValue([notice()]);
    const user = userEvent.setup();
    render(<App />);
    const banner = await screen.findByRole('region', { name: 'Recovered answers' });
    expect(
      within(banner).getByText(
        "Recovered your answer to 'Tell me about a time you disagreed with your manager and…' (14 s)",
      ),
    ).toBeTruthy();
    await user.click(within(banner).getByRole('button', { name: 'Open answer' }));
    expect(window.location.hash).toBe('#/history/s-recovered/answer/a-recovered');
    // Opening is not dismissing: it stays until the user says so.
    expect(screen.getByRole('region', { name: 'Recovered answers' })).toBeTruthy();
  });

  it('goes when dismissed, and tells main so (it stays dismissed after a restart)', async () => {
    fake.api.listRecoveryNotices.mockResolvedValue([
      notice(),
      notice({ answerId: 'b', questionText: 'Why us?' }),
    ]);
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText("Recovered your answer to 'Why us?' (14 s)");
    await user.click(
      screen.getByRole('button', { name: "Dismiss: Recovered your answer to 'Why us?' (14 s)" }),
    );
    expect(fake.api.dismissRecoveryNotices).toHaveBeenCalledWith(['b']);
    expect(screen.queryByText("Recovered your answer to 'Why us?' (14 s)")).toBeNull();
    expect(screen.getAllByRole('status').filter((n) => n.classList.contains('recovery-notice'))).toHaveLength(
      1,
    );
  });

  it('says when the engine could not transcribe it, and offers "Transcribe again"', async () => {
    fake.api.listRecoveryNotices.mockResolvedValue([notice({ transcribed: false, questionText: 'Why us?' })]);
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText(
      "Recovered your answer to 'Why us?' (14 s) — saved, not transcribed: the speech engine failed on it",
    );
    expect(screen.getByText(/no transcript or scores yet/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Transcribe again' }));
    expect(fake.api.transcribeAgain).toHaveBeenCalledWith('a-recovered');
    await screen.findByText("Recovered your answer to 'Why us?' (14 s)");
    expect(screen.queryByRole('button', { name: 'Transcribe again' })).toBeNull();
  });

  it('shows nothing when nothing was recovered', async () => {
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await waitFor(() => expect(fake.api.listRecoveryNotices).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Recovered answers' })).toBeNull();
  });
});

describe('a page whose server went away mid-answer', () => {
  let fake: ReturnType<typeof installFakeApi>;
  let micStop: ReturnType<typeof vi.fn<() => Promise<void>>>;
  let nowMs = 1_000_000;

  beforeEach(() => {
    resetCoachStore();
    window.history.replaceState(null, '', '#/practice');
    fake = installFakeApi();
    micStop = vi.fn(async () => undefined);
    vi.mocked(startMicrophone).mockReset();
    vi.mocked(startMicrophone).mockImplementation(async () => ({ label: 'Mic', stop: micStop }));
    vi.spyOn(Date, 'now').mockImplementation(() => nowMs);
  });
  afterEach(() => vi.restoreAllMocks());

  it('stops the microphone and the timer at once, keeps no Stop, and says what was kept', async () => {
    // The stop request dies with the connection; it must not turn into "Save again".
    fake.api.stopAnswer.mockImplementation(() => new Promise(() => undefined));
    const user = userEvent.setup();
    render(<App />);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(false),
    );
    await user.click(screen.getByRole('button', { name: /Record answer/ }));
    await screen.findByRole('button', { name: /Stop/ });
    expect(screen.getByRole('timer')).toBeTruthy();

    nowMs += 42_600;
    act(() => fake.push.server('lost'));

    expect(micStop).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: /Stop/ })).toBeNull();
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.queryByText('Listening')).toBeNull();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Interview Coach stopped while you were answering.');
    expect(alert.textContent).toContain(
      'What you said up to 00:42 is kept and will be recovered when it starts again.',
    );
    expect(alert.textContent).toContain('Start it again with coach serve, then reload this page.');
    expect(fake.api.stopAnswer).not.toHaveBeenCalled();
    // The header blames the stopped app, not the speech engine.
    expect(document.querySelector('.engine-badge')?.textContent).toBe('Interview Coach stopped');

    // Back: the page says a reload shows the recovered answer, and asks the restarted server for notices.
    fake.api.listRecoveryNotices.mockResolvedValue([notice()]);
    act(() => fake.push.server('back'));
    await screen.findByRole('region', { name: 'Recovered answers' });
    expect(screen.getByRole('alert').textContent).toContain('It is running again: reload this page');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(document.querySelector('.engine-badge')?.textContent).toBe('Running again — reload');
  });

  it('during the final pass, the lost Stop is not offered as "Save again"', async () => {
    let rejectStop: (e: Error) => void = () => undefined;
    fake.api.stopAnswer.mockImplementation(() => new Promise((_, reject) => (rejectStop = reject)));
    const user = userEvent.setup();
    render(<App />);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(false),
    );
    await user.click(screen.getByRole('button', { name: /Record answer/ }));
    await screen.findByRole('button', { name: /Stop/ });
    nowMs += 9_000;
    await user.click(screen.getByRole('button', { name: /Stop/ }));
    nowMs += 5_000;
    act(() => fake.push.server('lost'));
    await act(async () => rejectStop(new Error('Lost the connection')));
    expect(screen.getByRole('alert').textContent).toContain('What you said up to 00:09 is kept');
    expect(screen.queryByRole('button', { name: 'Save again' })).toBeNull();
    expect(fake.api.stopAnswer).toHaveBeenCalledWith(ANSWER_ID);
  });

  it('when idle, a lost connection leaves no answer notice', async () => {
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    act(() => fake.push.server('lost'));
    expect(screen.queryByText(/stopped while you were answering/)).toBeNull();
    // Record is greyed, and the hint beside it says why (not "once the speech engine is ready").
    const record = screen.getByRole('button', { name: /Record answer/ });
    expect(record.hasAttribute('disabled')).toBe(true);
    expect(document.querySelector('.record-hint')?.textContent).toBe(
      'Interview Coach has stopped. Start it again with coach serve, then reload this page to record.',
    );
    act(() => fake.push.server('back'));
    expect(record.hasAttribute('disabled')).toBe(true);
    expect(document.querySelector('.record-hint')?.textContent).toBe(
      'Interview Coach is running again: reload this page to record.',
    );
  });
});
