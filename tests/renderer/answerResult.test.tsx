import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AnswerResultView } from '../../src/renderer/src/features/result/AnswerResultView';
import { buildTranscriptTokens } from '../../src/renderer/src/features/result/transcriptTokens';
import { sampleResult } from './fakeApi';

describe('AnswerResultView', () => {
  it('highlights fillers by word index, including multi-word ones', () => {
    const { container } = render(<AnswerResultView result={sampleResult()} />);
    const marks = [...container.querySelectorAll('.transcript mark.filler')];
    expect(marks.map((m) => m.firstChild?.textContent)).toEqual(['um', 'you know']);
    expect(marks[0]!.className).toContain('filler-vocal');
    expect(marks[1]!.className).toContain('filler-lexical');
  });

  it('shows a long pause inline between the words it separates', () => {
    const { container } = render(<AnswerResultView result={sampleResult()} />);
    const transcript = container.querySelector('.transcript')!;
    expect(transcript.querySelectorAll('.pause-marker')).toHaveLength(1);
    expect(transcript.textContent).toBe('So um (filler) I think pause of 2.4 s you know (filler) it works.');
  });

  it('shows the metrics', () => {
    render(<AnswerResultView result={sampleResult()} />);
    const metrics = screen.getByLabelText('Answer metrics');
    expect(within(metrics).getByText('01:05')).toBeTruthy();
    expect(within(metrics).getByText('76')).toBeTruthy();
    expect(within(metrics).getByText('1.8 per minute')).toBeTruthy();
    expect(within(metrics).getByText('longest 2.4 s')).toBeTruthy();
  });

  it('says so when nothing was heard', () => {
    const empty = sampleResult({ words: [], text: '' });
    render(
      <AnswerResultView result={{ ...empty, report: { ...empty.report, fillers: [], longPauses: [] } }} />,
    );
    expect(screen.getByText(/No speech was detected/)).toBeTruthy();
  });
});

describe('buildTranscriptTokens', () => {
  it('puts a pause that falls inside a multi-word filler after it', () => {
    const words = [
      { text: 'you', startSec: 0, endSec: 0.2 },
      { text: 'know', startSec: 2.5, endSec: 2.8 },
      { text: 'right', startSec: 3, endSec: 3.2 },
    ];
    const tokens = buildTranscriptTokens(
      words,
      [{ text: 'you know', kind: 'lexical', wordIndex: 0, startSec: 0, endSec: 2.8 }],
      [{ startSec: 0.2, endSec: 2.5, durationSec: 2.3 }],
    );
    expect(tokens.map((t) => t.type)).toEqual(['filler', 'pause', 'word']);
  });
});
