import { decodeBody } from '@tidings/text';
import { parseOpml, type OpmlDocument } from './parse-opml.js';

/** Options of {@link parseOpmlBytes}. */
export interface ParseOpmlBytesOptions {
  /** The Content-Type the bytes came with (an upload's; its charset counts first after a BOM); null or absent for a file. */
  contentType?: string | null;
}

/** An OPML document read from bytes: what {@link parseOpml} reads, and how the bytes were decoded. */
export interface DecodedOpmlDocument extends OpmlDocument {
  /** Lower-case WHATWG name of the charset the bytes were read as, e.g. `windows-1252`. */
  charset: string;
  /** What was wrong with a declared charset and what was done about it (empty when nothing was). */
  warnings: string[];
}

/**
 * Reads an OPML file from its bytes, in the charset it is written in: a
 * byte order mark first, then the Content-Type charset when it came over
 * HTTP, then the XML declaration (`<?xml version="1.0"
 * encoding="ISO-8859-1"?>`, windows-1252, Shift_JIS...), else UTF-8.
 * OPML is XML, so this is exactly how a feed's bytes are decoded, by the
 * same code (`decodeBody` of @tidings/text, kind `feed`): a declared
 * charset the bytes plainly are not (UTF-8 declared over Latin-1) gives way
 * to the one they are, with a warning. Reading every file as UTF-8 turned
 * each accented letter of a Latin-1 export into U+FFFD.
 *
 * @throws NotOpmlError as {@link parseOpml} does.
 */
export function parseOpmlBytes(bytes: Uint8Array, options: ParseOpmlBytesOptions = {}): DecodedOpmlDocument {
  const { text, charset, warnings } = decodeBody(bytes, options.contentType ?? null, 'feed');
  return { ...parseOpml(text), charset, warnings };
}
