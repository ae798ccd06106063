// The interviewer's voice: the Web Speech API with a voice installed on this computer, so nothing leaves
// it. Where there is none (headless Chromium, a system without voices) the question is shown as text
// only and the interview goes on; speech that never reports its end cannot stall it either.
export type VoiceOutcome = 'spoken' | 'text-only';

/** Voices often arrive a moment after the page loads (the 'voiceschanged' event); wait this long for them. */
const VOICES_WAIT_MS = 400;
/** A generous bound on speaking time: about 2.5 words a second, plus a margin. */
const speakingBoundMs = (text: string) => 3000 + text.split(/\s+/).length * 400;

type Synth = Pick<
  SpeechSynthesis,
  'getVoices' | 'speak' | 'cancel' | 'addEventListener' | 'removeEventListener'
>;

function synth(): Synth | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
}

/** A local voice in the page's language if there is one, else any local English one, else none. */
export function pickLocalVoice(
  voices: readonly SpeechSynthesisVoice[],
  lang = 'en',
): SpeechSynthesisVoice | null {
  const local = voices.filter((v) => v.localService);
  return (
    local.find((v) => v.lang.toLowerCase().startsWith(lang) && v.default) ??
    local.find((v) => v.lang.toLowerCase().startsWith(lang)) ??
    null
  );
}

async function localVoice(s: Synth): Promise<SpeechSynthesisVoice | null> {
  const now = pickLocalVoice(s.getVoices());
  if (now) return now;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      s.removeEventListener('voiceschanged', done);
      resolve(pickLocalVoice(s.getVoices()));
    };
    const timer = setTimeout(done, VOICES_WAIT_MS);
    s.addEventListener('voiceschanged', done);
  });
}

/** Reads `text` aloud; resolves when it has been spoken, or at once with 'text-only' when it cannot be. */
export async function speakQuestion(text: string, s: Synth | null = synth()): Promise<VoiceOutcome> {
  if (!s || typeof SpeechSynthesisUtterance === 'undefined') return 'text-only';
  const voice = await localVoice(s).catch(() => null);
  if (!voice) return 'text-only';
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.95;
    let settled = false;
    const finish = (outcome: VoiceOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(bound);
      resolve(outcome);
    };
    const bound = setTimeout(() => {
      s.cancel();
      finish('spoken');
    }, speakingBoundMs(text));
    utterance.onend = () => finish('spoken');
    utterance.onerror = () => finish('text-only');
    s.cancel();
    s.speak(utterance);
  });
}

export function stopSpeaking(): void {
  synth()?.cancel();
}
