import { TidingsError } from '@tidings/contracts';
import { decodeStages } from './decompress.js';

/**
 * Reads a response body to the end, undoing its Content-Encoding, and stops
 * as soon as the decompressed size passes `maxBytes`.
 *
 * Leaving the loop early (the cap, an error, an abort) closes every stage and
 * the body stream behind it, so no socket is left half-read.
 *
 * @throws TidingsError('too-large', permanent) once more than `maxBytes` bytes came out.
 */
export async function readBody(
  body: AsyncIterable<Uint8Array>,
  contentEncoding: string | null,
  maxBytes: number,
  url: string,
): Promise<Buffer> {
  let stream: AsyncIterable<Uint8Array> = body;
  for (const stage of decodeStages(contentEncoding)) stream = stage(stream);

  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge(url, maxBytes, contentEncoding);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** The error for a body over the cap; retrying would only download it again. */
export function tooLarge(url: string, maxBytes: number, contentEncoding: string | null): TidingsError {
  const decoded = contentEncoding ? ` (decompressed from ${contentEncoding})` : '';
  return new TidingsError('too-large', `body of ${url} exceeds ${maxBytes} bytes${decoded}`, { permanent: true });
}
