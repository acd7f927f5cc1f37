import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { Config } from '@tidings/config';
import { TidingsError } from '@tidings/contracts/errors';
import { decodeBody } from '@tidings/text';

/** A document read from a file or fetched from a URL, decoded to text. */
export interface InputDocument {
  text: string;
  /** Where it came from: the final URL for a fetch, a file: URL for a file. */
  sourceUrl: string;
  /** The raw bytes of a file input (decompressed), for decoders that report what they guessed. */
  bytes: Buffer | null;
  /** The charset guesses decoding `text` reported (a declared charset that did not fit...). */
  warnings: string[];
  /** A fetched document's HTTP Content-Location, as the parser service gets it (a base of relative links). */
  contentLocation?: string;
}

const isHttp = (input: string) => /^https?:\/\//i.test(input);

/**
 * Reads `input` as the CLI's `<file|url>` arguments mean it: an http(s) URL
 * is fetched with the pipeline's own client (same limits and SSRF guard); a
 * file is read, gunzipped when compressed, and decoded by BOM / declaration,
 * under the same size cap as a fetched body (TIDINGS_FETCH_MAX_BYTES, for
 * the file and for what it decompresses to).
 *
 * @throws TidingsError `too-large` past the cap, `io` for a file that cannot be read or decompressed.
 */
export async function readInput(input: string, kind: 'feed' | 'page', config: Config): Promise<InputDocument> {
  if (isHttp(input)) {
    // The HTTP client (undici) costs about 0.3 s of CPU to load: only inputs that are URLs pay for it.
    const { fetchUrl, requirePageContent } = await import('@tidings/http');
    const result = await fetchUrl(input, { ...config.fetch, kind });
    // A page is refused as the pipeline's article fetch refuses it (a PDF, an image), not extracted as if it were HTML.
    if (kind === 'page') requirePageContent(input, result);
    const contentLocation = result.headers['content-location'];
    return { text: result.text, sourceUrl: result.finalUrl, bytes: null, warnings: result.warnings, ...(contentLocation ? { contentLocation } : {}) };
  }
  const { maxBytes } = config.fetch;
  let bytes = await readFileCapped(input, maxBytes);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzipCapped(bytes, input, maxBytes);
  const decoded = decodeBody(bytes, null, kind);
  return { text: decoded.text, sourceUrl: pathToFileURL(path.resolve(input)).href, bytes, warnings: decoded.warnings };
}

/** The error for an input over the cap, as the fetcher reports a body over it. */
function tooLarge(input: string, maxBytes: number, decompressed: boolean): TidingsError {
  const what = decompressed ? 'decompresses to more than' : 'is larger than';
  return new TidingsError('too-large', `${input} ${what} ${maxBytes} bytes (TIDINGS_FETCH_MAX_BYTES)`, { permanent: true });
}

function cannotRead(input: string, error: unknown): TidingsError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
  return new TidingsError('io', `cannot read ${input}: ${reason}`, { permanent: true, cause: error });
}

/**
 * Reads a file as a stream, stopping as soon as it passes `maxBytes`: the
 * size on disk is not trusted (a FIFO, /dev/zero, a file still growing).
 */
async function readFileCapped(input: string, maxBytes: number): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(input, 'r');
  } catch (error) {
    throw cannotRead(input, error);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(input, maxBytes, false);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof TidingsError) throw error;
    throw cannotRead(input, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Gunzips a file's bytes as a stream, stopping as soon as the output passes
 * `maxBytes`: a few kilobytes can expand to gigabytes (a gzip bomb), so the
 * output is never produced further than the cap.
 */
async function gunzipCapped(bytes: Buffer, input: string, maxBytes: number): Promise<Buffer> {
  const gunzip = createGunzip();
  gunzip.end(bytes);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    // zlib only inflates as far as its output is read: leaving the loop stops it.
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(input, maxBytes, true);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof TidingsError) throw error;
    throw new TidingsError('io', `${input} looks gzipped but does not decompress`, { permanent: true, cause: error });
  } finally {
    gunzip.destroy();
  }
  return Buffer.concat(chunks, total);
}
