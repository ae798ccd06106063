// "Keep no history" in the renderer (issue #16, item 10): the answer is started without a session and
// flagged, the screen says nothing is saved, the result joins no session and never reaches the tab's storage.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as MicrophoneModule from '../../src/renderer/src/audio/microphone';
import { startMicrophone } from '../../src/renderer/src/audio/microphone';
import { App } from '../../src/renderer/src/App';
import { resetCoachStore, useCoachStore } from '../../src/renderer/src/store';
import { persistPractice, restorePractice } from '../../src/renderer/src/store/practicePersistence';
import { QUESTIONS, installFakeApi } from './fakeApi';

vi.mock('../../src/renderer/src/audio/microphone', async (importOriginal) => ({
  ...(await importOriginal<typeof MicrophoneModule>()),
  startMicrophone: vi.fn(),
  listInputDevices: vi.fn(async () => []),
  watchInputDevices: vi.fn(() => () => undefined),
}));

describe('keep no history', () => {
  let fake: ReturnType<typeof installFakeApi>;

  beforeEach(() => {
    resetCoachStore();
    window.sessionStorage.clear();
    fake = installFakeApi();
    vi.mocked(startMicrophone).mockImplementation(async () => ({
      label: 'Mic',
      stop: vi.fn(async () => undefined),
    }));
  });

  it('records without a session, says nothing is saved, and keeps the result out of storage', async () => {
    const unpersist = persistPractice();
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await user.click(screen.getByRole('switch', { name: 'Keep no history' }));
    expect(screen.getByText('Nothing is saved: no recording, no transcript')).toBeTruthy();
    // A set is a saved session: it cannot start while nothing may be saved.
    expect(screen.getByRole('button', { name: 'Start the set' }).hasAttribute('disabled')).toBe(true);

    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(false),
    );
    await user.click(screen.getByRole('button', { name: /Record answer/ }));
    await screen.findByRole('button', { name: /Stop/ });
    expect(fake.api.startAnswer).toHaveBeenCalledWith({
      questionId: 'q1',
      questionText: QUESTIONS[0]!.text,
      sampleRateHz: 16_000,
      keepNoHistory: true,
    });
    await user.keyboard(' ');
    await screen.findByText(/Not saved — “Keep no history” is on/);
    expect(screen.queryByRole('list', { name: 'Takes' })).toBeNull();
    expect(useCoachStore.getState().activeSessionId).toBeNull();
    expect(useCoachStore.getState().activeSessionAnswerCount).toBe(0);

    const stored = window.sessionStorage.getItem('interview-coach.practice') ?? '';
    expect(stored).toContain('"keepNoHistory":true');
    expect(stored).toContain('"lastResult":null');
    unpersist();

    // A reload keeps the choice, so saving is never switched back on behind the user's back.
    act(() => resetCoachStore());
    restorePractice();
    expect(useCoachStore.getState().keepNoHistory).toBe(true);
  });
});
