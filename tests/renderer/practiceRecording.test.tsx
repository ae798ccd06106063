import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as MicrophoneModule from '../../src/renderer/src/audio/microphone';
import {
  MicrophoneError,
  startMicrophone,
  type MicrophoneOptions,
} from '../../src/renderer/src/audio/microphone';
import { App } from '../../src/renderer/src/App';
import { resetCoachStore } from '../../src/renderer/src/store';
import { ANSWER_ID, QUESTIONS, SESSION_ID, installFakeApi, sampleResult } from './fakeApi';

vi.mock('../../src/renderer/src/audio/microphone', async (importOriginal) => ({
  ...(await importOriginal<typeof MicrophoneModule>()),
  startMicrophone: vi.fn(),
  listInputDevices: vi.fn(async () => [{ deviceId: 'usb-1', label: 'USB microphone' }]),
  watchInputDevices: vi.fn(() => () => undefined),
}));

const startMicrophoneMock = vi.mocked(startMicrophone);

describe('recording an answer from the Practice screen', () => {
  let fake: ReturnType<typeof installFakeApi>;
  let micOptions: MicrophoneOptions | undefined;
  let micStop: ReturnType<typeof vi.fn<() => Promise<void>>>;

  beforeEach(() => {
    resetCoachStore();
    fake = installFakeApi();
    micOptions = undefined;
    micStop = vi.fn(async () => undefined);
    startMicrophoneMock.mockReset();
    startMicrophoneMock.mockImplementation(async (options) => {
      micOptions = options;
      return { label: 'USB microphone', stop: micStop };
    });
  });

  async function renderReady() {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(false),
    );
    return user;
  }

  it('Space starts and stops; frames go to sendAudio; the result is shown', async () => {
    const user = await renderReady();

    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    expect(fake.api.startAnswer).toHaveBeenCalledWith({
      questionId: 'q1',
      questionText: QUESTIONS[0]!.text,
      sampleRateHz: 16_000,
    });
    expect(startMicrophoneMock).toHaveBeenCalledTimes(1);

    const frame = new ArrayBuffer(6400);
    act(() => micOptions!.onFrame(frame));
    expect(fake.api.sendAudio).toHaveBeenCalledWith(ANSWER_ID, frame);

    await user.keyboard(' ');
    expect(micStop).toHaveBeenCalledTimes(1);
    expect(fake.api.stopAnswer).toHaveBeenCalledWith(ANSWER_ID);
    expect(await screen.findByRole('button', { name: 'Practise another question' })).toBeTruthy();
    expect(document.querySelectorAll('.transcript mark.filler')).toHaveLength(2);
  });

  it('offers "Save again" when Stop could not save the answer (a full disk), and shows the result once it saves', async () => {
    const notSaved =
      'Could not save this answer: the disk is full. Your transcript is kept: free some disk space, then press Save again.';
    fake.api.stopAnswer.mockRejectedValueOnce(new Error(notSaved));
    fake.api.retrySaveAnswer.mockRejectedValueOnce(new Error(notSaved));
    const user = await renderReady();
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    await user.keyboard(' ');
    expect((await screen.findByRole('alert')).textContent).toContain(notSaved);

    // Still full: the message stays, and so does the button.
    await user.click(screen.getByRole('button', { name: 'Save again' }));
    expect(fake.api.retrySaveAnswer).toHaveBeenLastCalledWith(ANSWER_ID);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Save again' }).hasAttribute('disabled')).toBe(false),
    );
    expect(screen.getByRole('alert').textContent).toContain(notSaved);

    await user.click(screen.getByRole('button', { name: 'Save again' }));
    expect(await screen.findByRole('button', { name: 'Practise another question' })).toBeTruthy();
    expect(fake.api.retrySaveAnswer).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('button', { name: 'Save again' })).toBeNull();
  });

  it('while stopAnswer runs, shows what is left to transcribe as a determinate bar with the time left', async () => {
    let finish: () => void = () => undefined;
    fake.api.stopAnswer.mockImplementation(
      () => new Promise((resolve) => (finish = () => resolve(sampleResult()))),
    );
    const user = await renderReady();

    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    await user.keyboard(' ');
    // Before main says anything: nothing to measure yet.
    expect(await screen.findByText('Preparing your report…')).toBeTruthy();
    act(() => fake.push.finishing({ answerId: ANSWER_ID, remainingSec: 8, totalSec: 8, estimateMs: 4000 }));
    const bar = await screen.findByRole('progressbar', { name: 'Transcript progress' });
    expect(Number(bar.getAttribute('value'))).toBeLessThan(95);
    expect(screen.getByText(/Finishing the transcript of your last 8\ss/)).toBeTruthy();
    expect(screen.getByText(/About [1-4] s left/)).toBeTruthy();
    await act(async () => finish());
    expect(await screen.findByRole('button', { name: 'Practise another question' })).toBeTruthy();
    expect(screen.queryByRole('progressbar', { name: 'Transcript progress' })).toBeNull();
  });

  it('continues the same session for the next question until "New session"', async () => {
    const user = await renderReady();

    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    await user.keyboard(' ');
    await user.click(await screen.findByRole('button', { name: 'Practise another question' }));

    await screen.findByRole('heading', { name: QUESTIONS[1]!.text });
    await user.click(document.body);
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    expect(fake.api.startAnswer).toHaveBeenLastCalledWith({
      questionId: 'q2',
      questionText: QUESTIONS[1]!.text,
      sampleRateHz: 16_000,
      sessionId: SESSION_ID,
    });
    await user.keyboard(' ');
    await user.click(await screen.findByRole('button', { name: 'Try this question again' }));

    await user.click(screen.getByRole('button', { name: 'New session' }));
    await user.click(document.body);
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    expect(fake.api.startAnswer).toHaveBeenLastCalledWith({
      questionId: 'q2',
      questionText: QUESTIONS[1]!.text,
      sampleRateHz: 16_000,
    });
  });

  it('Space does nothing while a select has focus', async () => {
    const user = await renderReady();
    screen.getByRole('combobox', { name: 'Question' }).focus();
    await user.keyboard(' ');
    expect(fake.api.startAnswer).not.toHaveBeenCalled();
  });

  it('cancels the answer and explains when the microphone cannot be opened', async () => {
    startMicrophoneMock.mockRejectedValue(new DOMException('Permission denied', 'NotAllowedError'));
    const user = await renderReady();

    await user.keyboard(' ');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('not allowed to use the microphone');
    expect(fake.api.cancelAnswer).toHaveBeenCalledWith(ANSWER_ID);
    expect(screen.getByRole('button', { name: /Record answer/ })).toBeTruthy();
  });

  it('saves what was said when the microphone is unplugged mid-answer', async () => {
    const user = await renderReady();
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });

    await act(async () =>
      micOptions!.onFailure!(new MicrophoneError('disconnected', 'The microphone was disconnected.')),
    );

    expect(micStop).toHaveBeenCalled();
    expect(fake.api.stopAnswer).toHaveBeenCalledWith(ANSWER_ID);
    expect(fake.api.cancelAnswer).not.toHaveBeenCalled();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The microphone was disconnected.');
    expect(alert.textContent).toContain('was saved');
  });

  it('keeps recording and shows the message when main reports a live transcription error', async () => {
    const user = await renderReady();
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });

    await act(async () =>
      fake.push.answerError({ answerId: ANSWER_ID, message: 'The speech engine crashed.' }),
    );

    expect((await screen.findByRole('alert')).textContent).toContain('The speech engine crashed.');
    expect(micStop).not.toHaveBeenCalled();
    expect(fake.api.cancelAnswer).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: /Stop/ })).toBeTruthy();
  });

  it('shows live chips, the nudge and the falling-behind notice while recording', async () => {
    const user = await renderReady();
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });

    act(() => {
      fake.push.stats({
        answerId: ANSWER_ID,
        elapsedSec: 12,
        wordsPerMinute: 187.4,
        fillerCount: 3,
        longPauseCount: 2,
        behind: true,
      });
      fake.push.nudge({ kind: 'slow-down', message: 'Slow down a little', atSec: 12 });
    });

    const chips = screen.getByRole('list', { name: 'Live statistics' });
    expect(chips.textContent).toContain('187');
    expect(chips.textContent).toContain('Fillers3');
    expect(chips.textContent).toContain('Long pauses2');
    expect(screen.getByText('Slow down a little')).toBeTruthy();
    expect(screen.getByText(/Your computer is falling behind/)).toBeTruthy();
  });
});
