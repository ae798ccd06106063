// Practice → Import a recording in the renderer (issue #16, item 6): the picked file goes to main with the
// current question, progress from main moves a determinate bar that never goes back, Esc cancels, and a
// refusal is shown next to the import control.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { resetCoachStore } from '../../src/renderer/src/store';
import type { AnswerResult } from '../../src/shared/domain';
import { QUESTIONS, installFakeApi, sampleResult } from './fakeApi';

describe('importing a recording', () => {
  let fake: ReturnType<typeof installFakeApi>;

  beforeEach(() => {
    resetCoachStore();
    window.sessionStorage.clear();
    fake = installFakeApi();
  });

  async function renderReady() {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Import a recording/ }).hasAttribute('disabled')).toBe(false),
    );
    return user;
  }

  it('sends the file with the question, shows real progress, and then the result', async () => {
    let finish!: (r: AnswerResult) => void;
    fake.api.importRecording.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const user = await renderReady();
    const file = new File([new Uint8Array(64)], 'answer.m4a', { type: 'audio/mp4' });
    await user.upload(screen.getByLabelText('Recording file'), file);
    const request = fake.api.importRecording.mock.calls[0]![1];
    expect(fake.api.importRecording.mock.calls[0]![0]).toBe(file);
    expect(request).toMatchObject({
      fileName: 'answer.m4a',
      questionId: 'q1',
      questionText: QUESTIONS[0]!.text,
    });

    const bar = await screen.findByRole('progressbar', { name: 'Importing answer.m4a' });
    const push = (fraction: number, processedSec: number) =>
      act(() =>
        fake.push.importProgress({
          importId: request.importId,
          stage: 'transcribing',
          fraction,
          processedSec,
          durationSec: 70,
        }),
      );
    push(0.45, 35);
    expect(bar.getAttribute('aria-valuenow')).toBe('45');
    expect(screen.getByText(/Transcribing 00:35 of 01:10/)).toBeTruthy();
    // Another import's progress, or a late smaller one, never moves this bar back.
    act(() => fake.push.importProgress({ importId: 'someone-else', stage: 'transcribing', fraction: 0.1 }));
    push(0.3, 20);
    expect(bar.getAttribute('aria-valuenow')).toBe('45');
    // Recording waits while the import runs.
    expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(true);

    await act(async () => finish(sampleResult()));
    expect(await screen.findByRole('button', { name: 'Practise another question' })).toBeTruthy();
  });

  it('cancels with Esc, and shows a refusal next to the import control', async () => {
    fake.api.importRecording.mockImplementationOnce(
      () =>
        new Promise((_resolve, reject) => {
          fake.api.cancelImport.mockImplementationOnce(async () => {
            reject(new Error('Import cancelled — nothing of it was saved.'));
          });
        }),
    );
    const user = await renderReady();
    await user.upload(screen.getByLabelText('Recording file'), new File([new Uint8Array(8)], 'a.wav'));
    await screen.findByRole('progressbar');
    await user.keyboard('{Escape}');
    expect(fake.api.cancelImport).toHaveBeenCalledTimes(1);
    await screen.findByText('Import cancelled — nothing of it was saved.');

    fake.api.importRecording.mockRejectedValueOnce(
      new Error('“notes.mp3” is not a recording Interview Coach can read. Choose an audio or video file.'),
    );
    await user.upload(screen.getByLabelText('Recording file'), new File(['hello'], 'notes.mp3'));
    const region = screen.getByRole('region', { name: 'Import a recording' });
    const alert = await waitFor(() => {
      const el = region.querySelector('[role="alert"]');
      if (!el) throw new Error('no alert yet');
      return el;
    });
    expect(alert.textContent).toContain('“notes.mp3” is not a recording');
  });
});
