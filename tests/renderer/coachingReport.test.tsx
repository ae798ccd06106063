import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AnswerResultView } from '../../src/renderer/src/features/result/AnswerResultView';
import { buildTranscriptTokens } from '../../src/renderer/src/features/result/transcriptTokens';
import { SessionReport, sessionSuggestions } from '../../src/renderer/src/features/session/SessionReport';
import { sampleResult } from './fakeApi';
import { analysedDetail, analysedResult, sampleAnalysis } from './sampleAnalysis';

describe('the answer report', () => {
  it('shows the score with its breakdown and the suggestions', () => {
    render(<AnswerResultView result={analysedResult()} />);
    const score = screen.getByLabelText('This answer: score');
    expect(within(score).getByText('71')).toBeTruthy();
    const rows = within(score).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.score-row-label')?.textContent)).toEqual([
      'Fluency',
      'Pace & pauses',
      'Voice',
      'Language',
      'Structure',
      'Length',
    ]);
    expect(rows[2]!.textContent).toContain('flat pitch (1.1 semitones)');
    expect(rows[2]!.textContent).toContain('15% of the score');
    const advice = screen.getByLabelText('What to try next');
    expect(
      within(advice)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(sampleAnalysis().suggestions.map((s) => s.text));
  });

  it('marks fillers, hedges, likely filled pauses and pauses inline in the transcript', () => {
    const { container } = render(<AnswerResultView result={analysedResult()} />);
    const transcript = container.querySelector('.transcript')!;
    expect(transcript.textContent).toBe(
      'So um (filler) I think (hedge) pause of 2.4 s um? (likely filled pause of 0.4 s) you know (filler) it works.',
    );
    expect(transcript.querySelectorAll('mark.hedge')).toHaveLength(1);
    expect(transcript.querySelectorAll('.likely-filler')).toHaveLength(1);
  });

  it('counts fillers heard only in the audio and uses the filler-free pace in the metrics', () => {
    render(<AnswerResultView result={analysedResult()} />);
    const metrics = screen.getByLabelText('Answer metrics');
    expect(within(metrics).getByText('3')).toBeTruthy();
    expect(within(metrics).getByText('1 heard only in the audio · 2.8/min')).toBeTruthy();
    expect(within(metrics).getByText('131')).toBeTruthy();
  });

  it('draws the pace chart and the filler timeline, each with a text summary', () => {
    render(<AnswerResultView result={analysedResult()} />);
    const charts = screen.getByLabelText('Charts');
    const figures = within(charts).getAllByRole('img');
    expect(figures.map((f) => f.getAttribute('aria-label'))).toEqual([
      'Pace over time, 120 to 142 words a minute (average 131); comfortable is 120–160.',
      '2 fillers, 1 likely filled pauses heard in the audio and 1 hedges over the answer.',
    ]);
  });

  it('lists the STAR parts, the voice and the language findings with times', () => {
    render(<AnswerResultView result={analysedResult()} />);
    const structure = screen.getByLabelText('Structure');
    expect(within(structure).getByText('Result').closest('li')!.className).toBe('is-missing');
    expect(within(structure).getByText('“i decided” at 00:04')).toBeTruthy();
    const voice = screen.getByLabelText('Voice');
    expect(within(voice).getByText('monotone')).toBeTruthy();
    expect(within(voice).getByText('00:00–00:06')).toBeTruthy();
    expect(within(voice).getByText(/1 of 1 \(at 00:06\)/)).toBeTruthy();
    expect(within(screen.getByLabelText('Language')).getByText('1 (i think)')).toBeTruthy();
  });

  it('still shows an answer saved before the analysis existed', () => {
    const { container } = render(<AnswerResultView result={sampleResult()} />);
    expect(screen.queryByLabelText('This answer: score')).toBeNull();
    expect(screen.queryByLabelText('Charts')).toBeNull();
    expect(container.querySelector('.transcript')!.textContent).toContain('So um (filler)');
  });

  it('places a likely filled pause before the word that follows it, or at the end', () => {
    const words = [
      { text: 'a', startSec: 0, endSec: 0.3 },
      { text: 'b', startSec: 2, endSec: 2.3 },
    ];
    const candidate = (startSec: number) => ({
      startSec,
      endSec: startSec + 0.4,
      durationSec: 0.4,
      pitchHz: 100,
      confidence: 1,
    });
    const tokens = buildTranscriptTokens(words, [], [], {
      hedges: [],
      filledPauses: [candidate(0.8), candidate(3)],
    });
    expect(tokens.map((t) => t.type)).toEqual(['word', 'likely-filler', 'word', 'likely-filler']);
  });
});

describe('the session report', () => {
  it('shows the session score, advice across answers and one row per answer', () => {
    render(<SessionReport session={analysedDetail()} />);
    expect(within(screen.getByLabelText('This session: score')).getByText('76')).toBeTruthy();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('71')).toBeTruthy();
    expect(within(rows[1]!).getByText('81')).toBeTruthy();
  });

  it('gathers advice across answers without repeating it, and leaves praise out when there is advice', () => {
    const ids = sessionSuggestions(analysedDetail()).map((s) => s.id);
    expect(ids).toEqual(['monotone', 'hedges', 'star-result']);
  });
});
