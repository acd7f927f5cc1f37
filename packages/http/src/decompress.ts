import { Readable, pipeline, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import { TidingsError } from '@tidings/contracts';

/**
 * Content-Encoding decoding as a chain of pull-based async iterables.
 *
 * Pull-based matters for decompression bombs: a stage only decompresses when
 * the size-counting consumer asks for more, so the consumer can stop a 10 GB
 * expansion at the cap having held only a chunk or two in memory (zlib streams
 * pause when their output buffer is full and nobody reads it).
 */

/** One decoding stage: bytes in, bytes out. */
export type DecodeStage = (source: AsyncIterable<Uint8Array>) => AsyncIterable<Buffer>;

/** The value we send as Accept-Encoding: exactly what {@link decodeStages} can undo. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

// Sync flush lets a truncated body decode as far as it goes instead of
// throwing, as browsers do; the size cap, not zlib, decides what is too much.
const ZLIB_OPTIONS: zlib.ZlibOptions = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS: zlib.BrotliOptions = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

/**
 * The stages that undo a Content-Encoding header, in the order to apply them
 * (the reverse of the order the server applied the codings).
 *
 * @throws TidingsError('unsupported-content', permanent) for a coding we did not offer (and, when read, for a
 *   body that is not in the coding named).
 */
export function decodeStages(contentEncoding: string | null | undefined): DecodeStage[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.reverse().map((coding): DecodeStage => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return (source) => through(source, zlib.createGunzip(ZLIB_OPTIONS));
      case 'deflate':
        return inflateEitherFormat;
      case 'br':
        return (source) => through(source, zlib.createBrotliDecompress(BROTLI_OPTIONS));
      default:
        throw new TidingsError('unsupported-content', `unsupported Content-Encoding "${coding}"`, { permanent: true });
    }
  });
}

/**
 * "deflate" is meant to be zlib-wrapped (RFC 9110), but many servers send raw
 * deflate. Tell them apart by the two-byte zlib header, as browsers do.
 */
async function* inflateEitherFormat(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const input = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLength = 0;
  while (headLength < 2) {
    const next = await input.next();
    if (next.done === true) break;
    head.push(next.value);
    headLength += next.value.length;
  }
  if (headLength === 0) return;
  const start = Buffer.concat(head);
  const inflater = isZlibHeader(start) ? zlib.createInflate(ZLIB_OPTIONS) : zlib.createInflateRaw(ZLIB_OPTIONS);
  yield* through(prepend(start, input), inflater);
}

/** RFC 1950: CM = 8 (deflate), and CMF*256 + FLG is a multiple of 31. */
function isZlibHeader(bytes: Buffer): boolean {
  const cmf = bytes[0] ?? 0;
  const flg = bytes[1] ?? 0;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

/** Yields `head`, then the rest of `input`; closes `input` if stopped early. */
async function* prepend(head: Buffer, input: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield head;
    for (let next = await input.next(); next.done !== true; next = await input.next()) yield next.value;
  } finally {
    await input.return?.();
  }
}

/**
 * Runs `source` through a Node transform stream, pull-based. Stopping the
 * iteration early destroys the transform, which (through `pipeline`) closes
 * the source, so an aborted read releases the socket.
 */
async function* through(source: AsyncIterable<Uint8Array>, transform: Transform): AsyncGenerator<Buffer> {
  // pipeline, not pipe: an error on either side destroys the other, and the
  // error surfaces below when the transform is read. Its own callback has
  // nothing left to report.
  pipeline(Readable.from(source, { objectMode: false }), transform, () => {});
  try {
    for await (const chunk of transform) yield chunk as Buffer;
  } catch (error) {
    throw isDecoderError(error) ? notEncodedAsSaid(error) : error;
  }
}

/** zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR...) and brotli's (ERR__ERROR_FORMAT_...): the bytes, not the network. */
function isDecoderError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__ERROR_') || code.startsWith('ERR_BROTLI'));
}

/**
 * A body that is not the coding its Content-Encoding names (plain XML sent
 * as gzip): the host answered, so it is no network failure to retry, but
 * content the client cannot read, as a browser's "content decoding failed".
 */
function notEncodedAsSaid(error: unknown): TidingsError {
  const reason = error instanceof Error ? error.message : String(error);
  return new TidingsError('unsupported-content', `the body is not encoded as its Content-Encoding says: ${reason}`, { permanent: true, cause: error });
}
