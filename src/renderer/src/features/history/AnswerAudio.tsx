/** The answer's own recording, where the transport can serve it (browser mode); nothing otherwise. */
export function AnswerAudio({ answerId, label }: { answerId: string; label: string }) {
  const src = window.api.answerAudioUrl?.(answerId);
  if (!src) return null;
  return (
    <div className="answer-audio">
      <span className="answer-audio-label">Recording</span>
      <audio controls preload="metadata" src={src} aria-label={label} />
    </div>
  );
}
