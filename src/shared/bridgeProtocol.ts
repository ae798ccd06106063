// The IPC contract carried over one WebSocket, for the renderer in a plain browser (`coach serve`).
// Same channels, same schemas, same handler table as Electron's IPC; only the transport differs:
//   client → server  text   {"kind":"invoke","id":1,"channel":"sessions:list","args":[]}
//   server → client  text   {"kind":"result","id":1,"ok":true,"value":[…]} | {"kind":"result","id":1,"ok":false,"error":"…"}
//   server → client  text   {"kind":"push","channel":"caption:update","payload":{…}}
//   client → server  binary 'audio:chunk': the answer id (36 ASCII bytes) followed by 16-bit PCM
//   client → server  text   {"kind":"ping"}  →  server → client  {"kind":"pong"}   (the page's liveness check)
// Imported by the server (Node) and the renderer (browser): no Node or DOM APIs here.
// (No zod here: the renderer bundles this file; the server validates in wsBridge.ts.)
import type { InvokeChannel, PushChannel, PushChannels } from './ipcContract';

/** Where the renderer's bridge connects, beside the page. */
export const BRIDGE_PATH = '/ws/api';

/** A UUID in its canonical text form is 36 ASCII characters. */
export const AUDIO_FRAME_ID_BYTES = 36;

export type BridgeInvoke = { kind: 'invoke'; id: number; channel: InvokeChannel; args: unknown[] };

/** Asks whether the server still answers; any message back shows it does. */
export type BridgePing = { kind: 'ping' };

export type BridgeServerMessage =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: string; code?: string }
  | { [C in PushChannel]: { kind: 'push'; channel: C; payload: Parameters<PushChannels[C]>[0] } }[PushChannel]
  /**
   * A message the server could not take (not JSON, unknown kind); the connection stays open, unless a
   * limit was hit (`code`: frame_too_large, rate_limited, audio_rate_exceeded), which closes it.
   */
  | { kind: 'error'; error: string; code?: string }
  | { kind: 'pong' };

/** Packs an audio frame for the wire: [answer id, 36 ASCII bytes][PCM16 little-endian]. */
export function encodeAudioFrame(answerId: string, pcm16: ArrayBuffer): ArrayBuffer {
  if (answerId.length !== AUDIO_FRAME_ID_BYTES) throw new Error(`Not an answer id: ${answerId}`);
  const out = new Uint8Array(AUDIO_FRAME_ID_BYTES + pcm16.byteLength);
  for (let i = 0; i < AUDIO_FRAME_ID_BYTES; i++) out[i] = answerId.charCodeAt(i) & 0x7f;
  out.set(new Uint8Array(pcm16), AUDIO_FRAME_ID_BYTES);
  return out.buffer;
}

/**
 * Unpacks an audio frame. The PCM is copied into its own ArrayBuffer: a network buffer may be a
 * slice of a larger pool at an odd offset, which Int16Array cannot view.
 */
export function decodeAudioFrame(frame: Uint8Array): { answerId: string; pcm16: ArrayBuffer } | null {
  if (frame.byteLength < AUDIO_FRAME_ID_BYTES) return null;
  let answerId = '';
  for (let i = 0; i < AUDIO_FRAME_ID_BYTES; i++) answerId += String.fromCharCode(frame[i]!);
  const pcm16 = new ArrayBuffer(frame.byteLength - AUDIO_FRAME_ID_BYTES);
  new Uint8Array(pcm16).set(frame.subarray(AUDIO_FRAME_ID_BYTES));
  return { answerId, pcm16 };
}
