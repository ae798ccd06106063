// POST /stt/stream-chunk: the STT streaming service's HTTP fallback, multipart/form-data with the fields
//   audio_chunk (file) · language · sample_rate · encoding · channels · session_id · is_final_chunk
// answered with the transcription so far; `is_final_chunk=true` ends the session and saves the answer.
import type { Route } from './httpRoutes';
import type { ServerLimits } from './limits';
import { takeChunk } from './chunkSessions';
import { parseMultipartForm } from './multipartForm';
import { ServerError } from './serverErrors';
import { streamFormatFrom } from './streamFormatParams';
import type { StreamSessionRegistry } from './streamSessions';
import { parseSttLanguage, wordsConfidence } from './sttProtocol';

export const STT_CHUNK_PATH = '/stt/stream-chunk';

/** Room for the multipart boundaries and the small fields around the audio file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

const truthy = (v: string | undefined): boolean => v !== undefined && /^(true|1|yes)$/i.test(v.trim());
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function createSttRoutes(
  registry: StreamSessionRegistry,
  limits: Pick<ServerLimits, 'maxChunkBytes' | 'maxSessionSec'>,
): Route[] {
  return [
    {
      method: 'POST',
      path: STT_CHUNK_PATH,
      body: { kind: 'buffer', maxBytes: limits.maxChunkBytes + FORM_OVERHEAD_BYTES },
      handle: async (req) => {
        if (!req.contentType.startsWith('multipart/form-data')) {
          throw new ServerError(
            'unsupported_media_type',
            'Send multipart/form-data with the fields audio_chunk (file), language, sample_rate, is_final_chunk.',
          );
        }
        const form = await parseMultipartForm(
          req.body ?? Buffer.alloc(0),
          req.contentType,
          limits.maxChunkBytes,
        );
        const field = (name: string) => form.fields.get(name) ?? req.query.get(name);
        const language = parseSttLanguage(field('language'));
        const audio = form.files.get('audio_chunk') ?? Buffer.alloc(0);
        const isFinal = truthy(field('is_final_chunk') ?? undefined);
        if (!form.files.has('audio_chunk') && !isFinal) {
          throw new ServerError(
            'bad_request',
            'The form has no "audio_chunk" file; send one, or is_final_chunk=true to end.',
          );
        }
        const { session, ended } = await takeChunk(registry, limits, {
          sessionId: field('session_id') || null,
          question: field('question'),
          format: streamFormatFrom(field),
          formatDeclared: ['sample_rate', 'encoding', 'channels'].some((n) => field(n)),
          audio,
          isFinal,
          chunkIsFile: true,
        });
        const words = ended ? session.committed : [...session.committed, ...session.tentative];
        const format = session.decoder.format;
        return {
          status: 200,
          json: {
            session_id: session.id,
            text: ended ? (ended.result?.text ?? session.committedText) : words.map((w) => w.text).join(' '),
            is_final: ended !== null,
            confidence: wordsConfidence(words),
            language,
            sample_rate: format.sampleRateHz,
            timestamp: new Date().toISOString(),
            audio_sec: round3(session.audioSec),
            ...(ended
              ? {
                  saved: ended.result !== null,
                  reason: ended.reason,
                  answer_id: session.answerId,
                  ...(ended.error ? { error: ended.error } : {}),
                }
              : {}),
          },
        };
      },
    },
  ];
}
