// The errors the practice use-cases throw for the edges (IPC, the server, the CLI) to word for people.

/** No answer with that id is in the state the call needs (recording, finishing, kept for Save again). */
export class UnknownAnswerError extends Error {}

/** The database refused the finished answer (SQLITE_FULL, ENOSPC…); `reason` is for people. */
export class AnswerNotSavedError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AnswerNotSavedError';
  }
}
