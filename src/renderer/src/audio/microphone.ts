// Opens a microphone, runs it through the PCM recorder worklet and forwards 200 ms frames of 16 kHz
// 16-bit PCM. Turns the browser's media errors into messages a person can act on.
import workletUrl from './pcmRecorder.worklet.ts?worker&url';
import type { PcmLevel } from './pcmConvert';
import { PCM_RECORDER_PROCESSOR, type RecorderCommand, type RecorderMessage } from './recorderProtocol';

/** How long `stop()` waits for the worklet to hand over the last partial frame. */
const FLUSH_TIMEOUT_MS = 500;

export type MicrophoneErrorKind =
  'permission' | 'not-found' | 'busy' | 'disconnected' | 'unsupported' | 'unknown';

export class MicrophoneError extends Error {
  readonly kind: MicrophoneErrorKind;

  constructor(kind: MicrophoneErrorKind, message: string) {
    super(message);
    this.name = 'MicrophoneError';
    this.kind = kind;
  }
}

export const MICROPHONE_MESSAGES: Record<MicrophoneErrorKind, string> = {
  permission:
    'Interview Coach is not allowed to use the microphone. Allow microphone access for Interview Coach in your system privacy settings, then try again.',
  'not-found': 'No microphone was found. Plug one in, or choose another microphone below, then try again.',
  busy: 'The microphone could not be opened. Another app may be using it; close that app or choose another microphone.',
  // Mid-answer, what was recorded until then is kept: the recorder says so after this sentence.
  disconnected: 'The microphone was disconnected. Reconnect it, or choose another microphone.',
  unsupported: 'Audio recording is not available in this window.',
  unknown: 'The microphone stopped unexpectedly. Please try again.',
};

/** Maps a getUserMedia / Web Audio failure to a MicrophoneError with a helpful message. */
export function toMicrophoneError(error: unknown): MicrophoneError {
  if (error instanceof MicrophoneError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return new MicrophoneError('permission', MICROPHONE_MESSAGES.permission);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new MicrophoneError('not-found', MICROPHONE_MESSAGES['not-found']);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new MicrophoneError('busy', MICROPHONE_MESSAGES.busy);
    default: {
      const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
      return new MicrophoneError(
        'unknown',
        `The microphone could not be started${detail}. Please try again.`,
      );
    }
  }
}

export type InputDevice = { deviceId: string; label: string };

/** Audio inputs, without the browser's "default"/"communications" aliases. Labels need permission first. */
export async function listInputDevices(): Promise<InputDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter(
      (d) =>
        d.kind === 'audioinput' && d.deviceId && d.deviceId !== 'default' && d.deviceId !== 'communications',
    )
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Microphone ${i + 1}` }));
}

/** Calls `onChange` when microphones are plugged in or out; returns the unsubscribe. */
export function watchInputDevices(onChange: () => void): () => void {
  const media = navigator.mediaDevices;
  if (!media?.addEventListener) return () => undefined;
  media.addEventListener('devicechange', onChange);
  return () => media.removeEventListener('devicechange', onChange);
}

export type MicrophoneOptions = {
  /** Empty or undefined: the system default input. */
  deviceId?: string;
  /** Each 200 ms frame of 16 kHz mono 16-bit PCM (the last one may be shorter). */
  onFrame: (pcm16: ArrayBuffer) => void;
  onLevel?: (level: PcmLevel) => void;
  /** Called once if the microphone goes away by itself (unplugged, access revoked); it is already stopped. */
  onFailure?: (error: MicrophoneError) => void;
};

export type Microphone = {
  readonly label: string;
  /** Flushes the last partial frame, releases the device and closes the audio context. Safe to call twice. */
  stop(): Promise<void>;
};

export async function startMicrophone(options: MicrophoneOptions): Promise<Microphone> {
  if (!navigator.mediaDevices?.getUserMedia || typeof AudioContext === 'undefined') {
    throw new MicrophoneError('unsupported', MICROPHONE_MESSAGES.unsupported);
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : {}),
        channelCount: 1,
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      },
      video: false,
    });
  } catch (error) {
    throw toMicrophoneError(error);
  }

  const context = new AudioContext({ latencyHint: 'interactive' });
  try {
    await context.audioWorklet.addModule(workletUrl);
    if (context.state === 'suspended') await context.resume();
  } catch (error) {
    stream.getTracks().forEach((t) => t.stop());
    void context.close().catch(() => undefined);
    throw toMicrophoneError(error);
  }

  const source = context.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(context, PCM_RECORDER_PROCESSOR, {
    numberOfInputs: 1,
    numberOfOutputs: 0,
    channelCount: 1,
    channelCountMode: 'explicit',
    channelInterpretation: 'speakers',
  });

  let flushed: (() => void) | null = null;
  node.port.onmessage = (event: MessageEvent<RecorderMessage>) => {
    const message = event.data;
    if (message.type === 'frame') {
      options.onFrame(message.pcm16);
      options.onLevel?.({ rms: message.rms, peak: message.peak });
    } else {
      flushed?.();
    }
  };
  source.connect(node);

  const track = stream.getAudioTracks()[0];
  let stopped = false;

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    track?.removeEventListener('ended', onEnded);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
      flushed = () => {
        clearTimeout(timer);
        resolve();
      };
      const command: RecorderCommand = { type: 'flush' };
      node.port.postMessage(command);
    });
    node.port.onmessage = null;
    source.disconnect();
    stream.getTracks().forEach((t) => t.stop());
    await context.close().catch(() => undefined);
  };

  function onEnded(): void {
    void stop().then(() =>
      options.onFailure?.(new MicrophoneError('disconnected', MICROPHONE_MESSAGES.disconnected)),
    );
  }
  track?.addEventListener('ended', onEnded);

  return { label: track?.label ?? 'Microphone', stop };
}
