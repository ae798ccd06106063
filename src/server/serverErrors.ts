// The errors clients of the local server can see: one code per cause, a sentence saying what to do,
// and the HTTP status used when the error ends an HTTP request or refuses a WebSocket upgrade.

export const ERROR_STATUS = {
  bad_request: 400,
  bad_audio: 400,
  bad_audio_format: 400,
  bad_message: 400,
  bad_session_id: 400,
  unknown_type: 400,
  unauthorized: 401,
  forbidden_origin: 403,
  not_found: 404,
  unknown_session: 404,
  method_not_allowed: 405,
  session_in_use: 409,
  frame_too_large: 413,
  payload_too_large: 413,
  max_duration: 413,
  unsupported_media_type: 415,
  decode_failed: 422,
  idle_timeout: 408,
  rate_limited: 429,
  audio_rate_exceeded: 429,
  internal: 500,
  engine_error: 500,
  engine_unavailable: 503,
  too_many_connections: 503,
  too_many_streams: 503,
  busy: 503,
  slow_consumer: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class ServerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The JSON body of every HTTP error: `{"error":{"code":"…","message":"…"}}`. */
export const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });

/** Any thrown value as a ServerError; unknown failures become `internal` with their message. */
export function toServerError(err: unknown): ServerError {
  if (err instanceof ServerError) return err;
  return new ServerError('internal', err instanceof Error ? err.message : String(err));
}
