// An answer the speech engine failed on (issue #12): the report says the engine failed, never "no
// speech", shows no score, and offers "Transcribe again" once the engine works; the header says so too.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineBadge } from '../../src/renderer/src/EngineBadge';
import { AnswerResultView } from '../../src/renderer/src/features/result/AnswerResultView';
import { resetCoachStore, useCoachStore } from '../../src/renderer/src/store';
import { ANSWER_ID, ENGINE_READY, installFakeApi, sampleResult } from './fakeApi';

const REASON = 'The speech engine failed: whisper_full failed (-6)';
const FAILED_ENGINE = {
  state: 'error' as const,
  message: 'The speech engine failed while transcribing: whisper_full failed (-6).',
};

function untranscribed() {
  const r = sampleResult({ words: [], text: '', notTranscribed: { reason: REASON } });
  return {
    ...r,
    report: { ...r.report, durationSec: 14, fillers: [], longPauses: [], coaching: null },
  };
}

describe('an answer the engine failed on', () => {
  let fake: ReturnType<typeof installFakeApi>;
  beforeEach(() => {
    resetCoachStore();
    fake = installFakeApi();
  });

  it('says the engine failed, with the reason, and shows neither a score nor "no speech"', () => {
    useCoachStore.setState({ engineStatus: FAILED_ENGINE });
    render(
      <>
        <EngineBadge />
        <AnswerResultView result={untranscribed()} />
      </>,
    );
    const alert = screen.getByRole('alert', { name: 'Not transcribed' });
    expect(alert.textContent).toContain('The speech engine failed on this answer');
    expect(alert.textContent).toContain('Your recording (14 s) is saved');
    expect(alert.textContent).toContain(REASON);
    expect(document.body.textContent).not.toMatch(/No speech was detected/);
    expect(screen.queryByLabelText('Answer metrics')).toBeNull();
    expect(screen.queryByText('This answer')).toBeNull();
    // The header's engine status shows the failure; Transcribe again waits for a working engine.
    expect(screen.getByText('Speech engine error').getAttribute('title')).toBe(FAILED_ENGINE.message);
    expect(screen.getByRole('button', { name: 'Transcribe again' }).hasAttribute('disabled')).toBe(true);
  });

  it('"Transcribe again" runs once the engine works and shows the transcribed answer', async () => {
    useCoachStore.setState({ engineStatus: FAILED_ENGINE });
    render(<AnswerResultView result={untranscribed()} />);
    act(() => useCoachStore.setState({ engineStatus: ENGINE_READY }));
    const button = screen.getByRole('button', { name: 'Transcribe again' });
    expect(button.hasAttribute('disabled')).toBe(false);
    fireEvent.click(button);
    expect(await screen.findByLabelText('Answer metrics')).toBeTruthy();
    expect(fake.api.transcribeAgain).toHaveBeenCalledWith(ANSWER_ID);
    expect(screen.queryByRole('alert', { name: 'Not transcribed' })).toBeNull();
    expect(document.querySelector('.transcript')!.textContent).toContain('it works.');
  });

  it('keeps the answer and says why when the engine fails again', async () => {
    useCoachStore.setState({ engineStatus: ENGINE_READY });
    fake.api.transcribeAgain.mockRejectedValueOnce(new Error('The speech engine failed: out of memory.'));
    render(<AnswerResultView result={untranscribed()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Transcribe again' }));
    expect(await screen.findByText('The speech engine failed: out of memory.')).toBeTruthy();
    expect(screen.getByRole('alert', { name: 'Not transcribed' })).toBeTruthy();
  });
});
