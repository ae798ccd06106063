// The one audio format inside the app: 16 kHz mono, as Float32 for the engine and 16-bit
// little-endian PCM on the wire and on disk, sent in 200 ms frames. Every layer takes these names.

export const SAMPLE_RATE_HZ = 16_000;
export const BYTES_PER_SAMPLE = 2;
/** The microphone (and every replay of a recording) delivers audio in frames this long. */
export const FRAME_MS = 200;
/** 200 ms at 16 kHz. */
export const FRAME_SAMPLES = (SAMPLE_RATE_HZ * FRAME_MS) / 1000;
