// The audio format a streaming client declares (sample_rate, encoding, channels), read from a query
// string or form fields, and refused with a clear error before any audio is accepted.
import { parseStreamFormat, StreamFormatError, type StreamFormat } from '../core/audio/streamDecoder';
import { ServerError } from './serverErrors';

export function streamFormatFrom(get: (name: string) => string | null | undefined): StreamFormat {
  try {
    return parseStreamFormat({
      sampleRate: get('sample_rate'),
      encoding: get('encoding'),
      channels: get('channels'),
    });
  } catch (err) {
    if (err instanceof StreamFormatError) throw new ServerError('bad_audio_format', err.message);
    throw err;
  }
}

/** For an upgrade: the refusal, or null when the query's format is one the server reads. */
export function streamFormatRefusal(query: URLSearchParams): ServerError | null {
  try {
    streamFormatFrom((name) => query.get(name));
    return null;
  } catch (err) {
    return err instanceof ServerError ? err : null;
  }
}
