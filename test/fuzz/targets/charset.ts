/**
 * decodeBody on any bytes, with any Content-Type and document kind: it
 * never throws, and returns a string and the lower-case name of the charset
 * it used, and a list of warnings (empty when the declared charset fitted).
 *
 * Input layout: byte 0 picks the kind (bits 0-1: none, page, feed, feed)
 * and whether a Content-Type is given (bit 2); if it is, byte 1 is its
 * length and the header's bytes (Latin-1) follow. The rest is the body.
 */
import { decodeBody } from '@tidings/http';
import { check, unexpected } from '../contract.js';

const KINDS = [undefined, 'page', 'feed', 'feed'] as const;

/** The decoding parameters and body a fuzz input stands for (see the module comment). */
function readInput(data: Buffer): { kind: (typeof KINDS)[number]; contentType: string | null; body: Uint8Array } {
  const flags = data[0] ?? 0;
  const kind = KINDS[flags & 3];
  if ((flags & 4) === 0) return { kind, contentType: null, body: new Uint8Array(data.subarray(1)) };
  const length = data[1] ?? 0;
  return { kind, contentType: data.toString('latin1', 2, 2 + length), body: new Uint8Array(data.subarray(2 + length)) };
}

export function fuzz(data: Buffer): void {
  const { kind, contentType, body } = readInput(data);
  let decoded;
  try {
    decoded = decodeBody(body, contentType, kind);
  } catch (error) {
    throw unexpected(error, 'a decoded body (decodeBody never throws)');
  }
  check(typeof decoded.text === 'string', 'text is not a string');
  check(/^[a-z0-9_-]+$/.test(decoded.charset), `charset is ${JSON.stringify(decoded.charset)}, not a lower-case charset name`);
  check(Array.isArray(decoded.warnings) && decoded.warnings.every((warning) => typeof warning === 'string'), `a ${kind ?? 'document of no kind'} got no warnings list`);
  if (body.length === 0) check(decoded.text === '', 'an empty body decoded to text');
}
