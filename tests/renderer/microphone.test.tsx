// The real microphone module (src/renderer/src/audio/microphone.ts) on a fake browser audio stack:
// getUserMedia failures become clear messages, and a microphone unplugged mid-answer (its track ends)
// stops the answer gracefully: the last partial frame is sent, the answer is saved, and the user is told.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MICROPHONE_MESSAGES,
  startMicrophone,
  toMicrophoneError,
} from '../../src/renderer/src/audio/microphone';
import type { RecorderCommand, RecorderMessage } from '../../src/renderer/src/audio/recorderProtocol';
import { App } from '../../src/renderer/src/App';
import { resetCoachStore } from '../../src/renderer/src/store';
import { ANSWER_ID, installFakeApi, QUESTIONS } from './fakeApi';

/** A microphone track that can be unplugged. */
class FakeTrack extends EventTarget {
  readonly kind = 'audio';
  readonly label = 'USB microphone';
  stopped = false;
  stop(): void {
    this.stopped = true;
  }
  unplug(): void {
    this.dispatchEvent(new Event('ended'));
  }
}

/** The recorder worklet: answers a flush with the last partial frame, then `flushed`. */
class FakeWorkletNode {
  static last: FakeWorkletNode | null = null;
  readonly port = {
    onmessage: null as ((e: MessageEvent<RecorderMessage>) => void) | null,
    postMessage: (command: RecorderCommand) => {
      if (command.type !== 'flush') return;
      this.emit({ type: 'frame', pcm16: new ArrayBuffer(640), rms: 0.1, peak: 0.2 });
      this.emit({ type: 'flushed' });
    },
  };
  constructor() {
    FakeWorkletNode.last = this;
  }
  emit(message: RecorderMessage): void {
    this.port.onmessage?.({ data: message } as MessageEvent<RecorderMessage>);
  }
}

class FakeAudioContext {
  state = 'running';
  closed = false;
  audioWorklet = { addModule: vi.fn(async () => undefined) };
  createMediaStreamSource() {
    return { connect: () => undefined, disconnect: () => undefined };
  }
  async resume() {}
  async close() {
    this.closed = true;
  }
}

let track: FakeTrack;
const getUserMedia = vi.fn<(c: MediaStreamConstraints) => Promise<MediaStream>>();

beforeEach(() => {
  track = new FakeTrack();
  getUserMedia.mockReset();
  getUserMedia.mockImplementation(
    async () => ({ getTracks: () => [track], getAudioTracks: () => [track] }) as unknown as MediaStream,
  );
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia,
      enumerateDevices: async () => [],
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
  });
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal('AudioWorkletNode', FakeWorkletNode);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('opening the microphone', () => {
  it.each([
    ['NotFoundError', 'not-found', /^No microphone was found\. Plug one in/],
    ['OverconstrainedError', 'not-found', /^No microphone was found/],
    ['NotAllowedError', 'permission', /not allowed to use the microphone\. Allow microphone access/],
    ['SecurityError', 'permission', /not allowed to use the microphone/],
    ['NotReadableError', 'busy', /Another app may be using it/],
  ])('%s from getUserMedia becomes a "%s" error with a clear message', async (name, kind, message) => {
    getUserMedia.mockRejectedValue(new DOMException('x', name));
    const error = await startMicrophone({ onFrame: () => undefined }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MicrophoneError', kind });
    expect((error as Error).message).toMatch(message);
  });

  it('asks for audio only, from the chosen device', async () => {
    const mic = await startMicrophone({ deviceId: 'usb-1', onFrame: () => undefined });
    expect(getUserMedia).toHaveBeenCalledWith(
      expect.objectContaining({
        video: false,
        audio: expect.objectContaining({ deviceId: { exact: 'usb-1' } }),
      }),
    );
    await mic.stop();
    expect(track.stopped).toBe(true);
  });

  it('says so when there is no audio support at all', async () => {
    vi.stubGlobal('AudioContext', undefined);
    await expect(startMicrophone({ onFrame: () => undefined })).rejects.toMatchObject({
      kind: 'unsupported',
    });
  });

  it('keeps unknown failures readable', () => {
    expect(toMicrophoneError(new Error('boom')).message).toBe(
      'The microphone could not be started (boom). Please try again.',
    );
  });
});

describe('the microphone unplugged while recording', () => {
  it('flushes the last frame, releases the device, then reports `disconnected` once', async () => {
    const frames: number[] = [];
    const onFailure = vi.fn();
    await startMicrophone({ onFrame: (pcm) => frames.push(pcm.byteLength), onFailure });
    FakeWorkletNode.last!.emit({ type: 'frame', pcm16: new ArrayBuffer(6400), rms: 0.1, peak: 0.2 });
    track.unplug();
    await waitFor(() => expect(onFailure).toHaveBeenCalledTimes(1));
    expect(onFailure.mock.calls[0]![0]).toMatchObject({ kind: 'disconnected' });
    expect(frames).toEqual([6400, 640]);
    expect(track.stopped).toBe(true);
    track.unplug();
    await new Promise((r) => setTimeout(r, 10));
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it('in the app: stops the answer, keeps what was recorded, and says what happened', async () => {
    resetCoachStore();
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(false),
    );
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    act(() =>
      FakeWorkletNode.last!.emit({ type: 'frame', pcm16: new ArrayBuffer(6400), rms: 0.1, peak: 0.2 }),
    );

    await act(async () => track.unplug());

    await waitFor(() => expect(fake.api.stopAnswer).toHaveBeenCalledWith(ANSWER_ID));
    expect(fake.api.cancelAnswer).not.toHaveBeenCalled();
    // Every frame, the flushed partial one included, went out before the answer was stopped.
    const sent = fake.api.sendAudio.mock.calls.map(([, pcm]) => pcm.byteLength);
    expect(sent).toEqual([6400, 640]);
    expect(fake.api.sendAudio.mock.invocationCallOrder.at(-1)!).toBeLessThan(
      fake.api.stopAnswer.mock.invocationCallOrder[0]!,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      `${MICROPHONE_MESSAGES.disconnected} Your answer up to that moment was saved.`,
    );
    expect(alert.textContent).not.toMatch(/discarded/);
  });
});
