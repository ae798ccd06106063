import { useLayoutEffect, useRef } from 'react';
import { useCoachStore } from '../../store';
import { BehindNotice } from './BehindNotice';
import { FinishingProgress } from './FinishingProgress';
import './live.css';

/** Distance from the bottom (px) within which the panel keeps following new text. */
const FOLLOW_THRESHOLD_PX = 48;

function needsSpace(left: string, right: string): boolean {
  return left.length > 0 && right.length > 0 && !/\s$/.test(left) && !/^[\s.,!?;:…]/.test(right);
}

type Props = {
  /** After Stop, offer the report of the live transcript without waiting for the final text. */
  offerLiveReport?: boolean;
};

export function LiveCaptions({ offerLiveReport = false }: Props) {
  const committed = useCoachStore((s) => s.committedText);
  const tentative = useCoachStore((s) => s.tentativeText);
  const recording = useCoachStore((s) => s.recording);
  const bodyRef = useRef<HTMLDivElement>(null);
  const followRef = useRef(true);

  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (body && followRef.current) body.scrollTop = body.scrollHeight;
  }, [committed, tentative]);

  const onScroll = () => {
    const body = bodyRef.current;
    if (body)
      followRef.current = body.scrollHeight - body.scrollTop - body.clientHeight < FOLLOW_THRESHOLD_PX;
  };

  const listening = recording === 'recording';
  // Captions belong to the take being recorded: a new take or question starts with none on screen.
  const hasText = recording !== 'idle' && (committed.length > 0 || tentative.length > 0);

  return (
    <section className="card captions" aria-labelledby="captions-title" data-state={recording}>
      <div className="captions-head">
        <h2 id="captions-title" className="section-title">
          Live captions
        </h2>
        {listening && (
          <span className="listening">
            <span className="listening-dot" aria-hidden="true" />
            Listening
          </span>
        )}
      </div>
      <BehindNotice />
      <div className="captions-body" ref={bodyRef} onScroll={onScroll}>
        {hasText ? (
          <p className="captions-text">
            <span className="caption-committed">{committed}</span>
            {needsSpace(committed, tentative) && ' '}
            {tentative && (
              <span className="caption-tentative" title="Still listening — this part may change">
                {tentative}
              </span>
            )}
            {listening && <span className="caption-cursor" aria-hidden="true" />}
          </p>
        ) : (
          <p className="captions-placeholder">
            {recording === 'recording'
              ? 'Start speaking — your words will appear here.'
              : recording === 'starting'
                ? 'Opening the microphone…'
                : 'Press Record (or Space) and answer out loud. Your words will appear here as you speak.'}
          </p>
        )}
      </div>
      {recording === 'finalising' && <FinishingProgress offerLiveReport={offerLiveReport} />}
    </section>
  );
}
