import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AnswerResult, CoachNote } from '../../../../shared/domain';
import { formatClock } from '../../lib/format';
import { AnswerResultView } from '../result/AnswerResultView';
import { CoachNotes, type CoachPanelProps } from './CoachNotes';
import { clampSec, reviewKeyAction, wordIndexAt } from './playback';
import { ReviewTimeline } from './ReviewTimeline';
import { ReviewTranscript } from './ReviewTranscript';
import { useAnswerAudio } from './useAnswerAudio';
import './review.css';

/** Where to start: a search hit's word or a note's moment. */
export type ReviewStart = { atSec: number; wordIndex: number | null };

type Props = {
  result: AnswerResult;
  label: string;
  headingLevel?: 2 | 3 | 4;
  notes?: readonly CoachNote[];
  start?: ReviewStart | null;
  /** The coach's notes and rubric for this answer, shown under the transcript; absent: none. */
  coach?: CoachPanelProps;
};

const CURRENT_CLASS = 'is-current';

/** One answer in review: its recording with the transcript in sync, its report, and the coach's notes. */
export function AnswerReview({ result, label, headingLevel = 3, notes = [], start = null, coach }: Props) {
  const Heading = `h${headingLevel}` as const;
  const audio = useAnswerAudio(result.answerId);
  const audioRef = useRef<HTMLAudioElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const playheadRef = useRef<HTMLDivElement>(null);
  const transcriptScrollRef = useRef<HTMLDivElement>(null);
  const currentWord = useRef(-1);
  const pendingSeek = useRef<number | null>(start ? start.atSec : null);
  const [playing, setPlaying] = useState(false);
  const [currentSec, setCurrentSec] = useState(start?.atSec ?? 0);
  const [durationSec, setDurationSec] = useState(result.report.durationSec);

  /** Moves the word highlight and the playhead; called every frame while playing, and on seeks. */
  const paint = useCallback(
    (sec: number) => {
      const index = wordIndexAt(result.words, sec);
      if (index !== currentWord.current) {
        const root = sectionRef.current;
        root?.querySelector(`.review-word.${CURRENT_CLASS}`)?.classList.remove(CURRENT_CLASS);
        const wordEl =
          index >= 0 ? root?.querySelector<HTMLElement>(`.review-word[data-word="${index}"]`) : null;
        wordEl?.classList.add(CURRENT_CLASS);
        if (wordEl && transcriptScrollRef.current) keepInView(transcriptScrollRef.current, wordEl);
        currentWord.current = index;
      }
      if (playheadRef.current) {
        playheadRef.current.style.left = `${Math.min(100, (sec / Math.max(durationSec, 0.001)) * 100)}%`;
      }
    },
    [result.words, durationSec],
  );

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = () => {
      const el = audioRef.current;
      if (el) paint(el.currentTime);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, paint]);

  // Words a note is attached to get a wavy underline (outside React, like the playback highlight).
  useEffect(() => {
    const root = sectionRef.current;
    if (!root) return;
    root.querySelectorAll('.review-word.has-note').forEach((el) => el.classList.remove('has-note'));
    for (const note of notes) {
      if (note.wordStart === null) continue;
      for (let i = note.wordStart; i <= (note.wordEnd ?? note.wordStart); i++) {
        root.querySelector(`.review-word[data-word="${i}"]`)?.classList.add('has-note');
      }
    }
  }, [notes]);

  const seek = useCallback(
    (sec: number) => {
      const target = clampSec(sec, durationSec);
      const el = audioRef.current;
      if (el && audio.state === 'ready' && el.readyState > 0) el.currentTime = target;
      else pendingSeek.current = target;
      setCurrentSec(target);
      paint(target);
    },
    [audio.state, durationSec, paint],
  );
  // The jump effect seeks once per search hit, not again whenever seek's dependencies change.
  const seekRef = useRef(seek);
  useEffect(() => {
    seekRef.current = seek;
  }, [seek]);

  // A search hit opened this answer: show it, mark its word, and focus it so the keys work at once.
  useEffect(() => {
    if (!start) return;
    sectionRef.current?.scrollIntoView?.({ block: 'start' });
    sectionRef.current?.focus({ preventScroll: true });
    const word = start.wordIndex ?? wordIndexAt(result.words, start.atSec);
    currentWord.current = -1;
    seekRef.current(word >= 0 ? (result.words[word]?.startSec ?? start.atSec) : start.atSec);
  }, [start, result.words]);

  const toggle = useCallback(() => {
    const el = audioRef.current;
    if (!el || audio.state !== 'ready') return;
    if (el.paused) void el.play().catch(() => setPlaying(false));
    else el.pause();
  }, [audio.state]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const action = reviewKeyAction(event.key, event.shiftKey, (event.target as HTMLElement).tagName);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    if (action.kind === 'toggle') toggle();
    else seek((audioRef.current?.currentTime ?? currentSec) + action.bySec);
  };

  // A click on a word plays from it (the page says so); a click while playing just moves on.
  const playFromWord = useCallback(
    (index: number) => {
      const word = result.words[index];
      if (!word) return;
      seek(word.startSec);
      const el = audioRef.current;
      if (el && audio.state === 'ready' && el.paused) void el.play().catch(() => setPlaying(false));
    },
    [result.words, seek, audio.state],
  );

  const readCurrentSec = useCallback(() => audioRef.current?.currentTime ?? 0, []);

  // The words selected in this transcript, kept when the selection moves on (a click into the note box
  // collapses it), so a note attaches to them in the natural order: select, click the box, type.
  const [selectedWords, setSelectedWords] = useState<[number, number] | null>(null);
  useEffect(() => {
    const onSelectionChange = () => {
      const root = sectionRef.current?.querySelector('.review-transcript');
      const selection = document.getSelection();
      if (!root || !selection || selection.rangeCount === 0) return;
      const inTranscript = (node: Node | null) => node !== null && root.contains(node);
      if (!inTranscript(selection.anchorNode) && !inTranscript(selection.focusNode)) return;
      // A click inside the transcript (a collapsed selection there) lets go of the words.
      setSelectedWords(selection.isCollapsed ? null : selectedRange(root, selection));
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, []);

  return (
    <section
      className="answer-review"
      ref={sectionRef}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      aria-keyshortcuts="Space ArrowLeft ArrowRight"
    >
      <div className="review-player">
        {audio.state === 'ready' && (
          <audio
            ref={audioRef}
            src={audio.src}
            preload="auto"
            aria-label={label}
            onLoadedMetadata={(e) => {
              const el = e.currentTarget;
              if (Number.isFinite(el.duration) && el.duration > 0) setDurationSec(el.duration);
              if (pendingSeek.current !== null) {
                el.currentTime = pendingSeek.current;
                pendingSeek.current = null;
              }
            }}
            onPlay={() => setPlaying(true)}
            onPause={() => setPlaying(false)}
            onEnded={() => setPlaying(false)}
            onTimeUpdate={(e) => setCurrentSec(e.currentTarget.currentTime)}
            onSeeked={(e) => paint(e.currentTarget.currentTime)}
          />
        )}
        <button
          type="button"
          className="button button-primary review-play"
          onClick={toggle}
          disabled={audio.state !== 'ready'}
          aria-keyshortcuts="Space"
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <span className="review-clock tabular" aria-hidden="true">
          {formatClock(currentSec)} / {formatClock(durationSec)}
        </span>
        <ReviewTimeline
          durationSec={durationSec}
          fillers={result.report.fillers}
          pauses={result.report.longPauses}
          notes={notes}
          playheadRef={playheadRef}
          currentSec={currentSec}
          onSeek={seek}
          onKey={onKeyDown}
          onNoteClick={(note) => seek(note.atSec)}
        />
      </div>
      {audio.state === 'loading' && (
        <p className="muted review-audio-status" role="status">
          Loading the recording…
        </p>
      )}
      {audio.state === 'error' && (
        <p className="muted review-audio-status" role="status">
          {audio.message} The transcript and report are still here.
        </p>
      )}
      <p className="review-keys muted">
        Space plays or pauses · ← → seek 5 s (Shift: 1 s) · click a word to play from it
      </p>
      <section className="card transcript-card" aria-label="Transcript">
        <div className="transcript-head">
          <Heading className="section-title">Transcript</Heading>
          <p className="transcript-legend" aria-hidden="true">
            <span className="legend-current">playing</span>
            <mark className="filler">filler</mark>
            {result.report.coaching && <mark className="hedge">hedge</mark>}
            <span className="pause-marker">
              <span className="pause-icon" />
              long pause
            </span>
          </p>
        </div>
        <div className="review-transcript-scroll" ref={transcriptScrollRef}>
          <ReviewTranscript result={result} onSeekToWord={playFromWord} />
        </div>
      </section>
      {coach && (
        <CoachNotes
          {...coach}
          answerId={result.answerId}
          words={result.words}
          notes={notes}
          nowSec={currentSec}
          currentSec={readCurrentSec}
          selectedWords={selectedWords}
          clearSelectedWords={() => setSelectedWords(null)}
          seek={seek}
        />
      )}
      <AnswerResultView result={result} headingLevel={headingLevel} transcript={false} />
    </section>
  );
}

/** The first and last word (by index) that a selection touches inside `root`. */
function selectedRange(root: Element, selection: Selection): [number, number] | null {
  const range = selection.getRangeAt(0);
  const indices = [...root.querySelectorAll<HTMLElement>('.review-word')]
    .filter((el) => range.intersectsNode(el))
    .map((el) => Number(el.dataset.word));
  if (indices.length === 0) return null;
  return [Math.min(...indices), Math.max(...indices)];
}

/** Scrolls the transcript box (never the page) so the word being played stays visible. */
function keepInView(box: HTMLElement, word: HTMLElement): void {
  const top = word.offsetTop - box.offsetTop;
  if (top < box.scrollTop || top + word.offsetHeight > box.scrollTop + box.clientHeight) {
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}
