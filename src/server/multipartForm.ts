// multipart/form-data bodies (as HTML forms and `requests.post(files=…)` send them), parsed by busboy.
import busboy from 'busboy';
import { ServerError } from './serverErrors';

export type MultipartForm = { fields: Map<string, string>; files: Map<string, Buffer> };

/** A form holds a few short fields and one audio chunk; anything beyond these is refused. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 4096;
const MAX_FILES = 2;

/** Parses a body already read within its size limit; each file may hold up to `maxFileBytes`. */
export function parseMultipartForm(
  body: Buffer,
  contentType: string,
  maxFileBytes: number,
): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, files: MAX_FILES, fileSize: maxFileBytes },
      });
    } catch (err) {
      reject(
        new ServerError('bad_request', `The multipart body could not be read: ${(err as Error).message}.`),
      );
      return;
    }
    const form: MultipartForm = { fields: new Map(), files: new Map() };
    const fail = (e: ServerError) => {
      parser.removeAllListeners();
      parser.on('error', () => undefined);
      reject(e);
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        fail(new ServerError('bad_request', `The form field "${name.slice(0, 40)}" is too long.`));
      }
      form.fields.set(name, value);
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () =>
        fail(
          new ServerError(
            'payload_too_large',
            `The file "${name.slice(0, 40)}" exceeds ${maxFileBytes} bytes.`,
          ),
        ),
      );
      stream.on('close', () => form.files.set(name, Buffer.concat(chunks)));
    });
    parser.on('fieldsLimit', () => fail(new ServerError('bad_request', 'The form has too many fields.')));
    parser.on('filesLimit', () => fail(new ServerError('bad_request', 'The form has too many files.')));
    parser.on('error', (err: Error) =>
      fail(new ServerError('bad_request', `The multipart body could not be read: ${err.message}.`)),
    );
    parser.on('close', () => resolve(form));
    parser.end(body);
  });
}
