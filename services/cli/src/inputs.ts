import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Config } from '@tidings/config';
import { TidingsError } from '@tidings/contracts';
import { decodeBody, fetchUrl } from '@tidings/http';

/** A document read from a file or fetched from a URL, decoded to text. */
export interface InputDocument {
  text: string;
  /** Where it came from: the final URL for a fetch, a file: URL for a file. */
  sourceUrl: string;
  /** The raw bytes of a file input (decompressed), for decoders that report what they guessed. */
  bytes: Buffer | null;
}

const isHttp = (input: string) => /^https?:\/\//i.test(input);

/**
 * Reads `input` as the CLI's `<file|url>` arguments mean it: an http(s) URL
 * is fetched with the pipeline's own client (same limits and SSRF guard); a
 * file is read, gunzipped when compressed, and decoded by BOM / declaration.
 */
export async function readInput(input: string, kind: 'feed' | 'page', config: Config): Promise<InputDocument> {
  if (isHttp(input)) {
    const result = await fetchUrl(input, { ...config.fetch, kind });
    return { text: result.text, sourceUrl: result.finalUrl, bytes: null };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new TidingsError('io', `cannot read ${input}: ${reason}`, { permanent: true });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new TidingsError('io', `${input} looks gzipped but does not decompress`, { permanent: true });
    }
  }
  return { text: decodeBody(bytes, null, kind).text, sourceUrl: pathToFileURL(path.resolve(input)).href, bytes };
}
