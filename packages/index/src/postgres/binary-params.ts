/**
 * Parameters in PostgreSQL's binary format (what the type's `recv` function
 * reads), sent by pg as they are when given as a Buffer. A batch of articles
 * goes as a few arrays this way rather than as one JSON document: the server
 * then reads each record's JSON once (jsonb_recv), where the batch document
 * made it parse every record inside the whole batch and copy it out again.
 */

/** PostgreSQL's type OIDs of the array elements sent here. */
export const TSVECTOR_OID = 3614;
export const JSONB_OID = 3802;

/** The version byte jsonb's binary format starts with, before the JSON text. */
const JSONB_VERSION = 1;

/** array_recv's header: one dimension, no nulls, the element type, the length, from 1. */
const HEADER_BYTES = 20;

function writeHeader(buffer: Buffer, oid: number, length: number): number {
  buffer.writeInt32BE(1, 0);
  buffer.writeInt32BE(0, 4);
  buffer.writeUInt32BE(oid, 8);
  buffer.writeInt32BE(length, 12);
  buffer.writeInt32BE(1, 16);
  return HEADER_BYTES;
}

/** Elements already in their binary format as one binary array of type `oid` (none null). */
export function binaryArray(oid: number, elements: readonly Buffer[]): Buffer {
  let size = HEADER_BYTES;
  for (const element of elements) size += 4 + element.length;
  const buffer = Buffer.allocUnsafe(size);
  let offset = writeHeader(buffer, oid, elements.length);
  for (const element of elements) {
    offset = buffer.writeInt32BE(element.length, offset);
    offset += element.copy(buffer, offset);
  }
  return buffer;
}

/**
 * JSON texts as one binary `jsonb[]`: each element the version byte and
 * the text in UTF-8. The text must be JSON (JSON.stringify's output); the
 * server parses it as `'...'::jsonb` would, refusing what jsonb cannot hold.
 */
export function jsonbArray(texts: readonly string[]): Buffer {
  let size = HEADER_BYTES;
  const lengths = texts.map((text) => Buffer.byteLength(text, 'utf8'));
  for (const length of lengths) size += 4 + 1 + length;
  const buffer = Buffer.allocUnsafe(size);
  let offset = writeHeader(buffer, JSONB_OID, texts.length);
  texts.forEach((text, i) => {
    const length = lengths[i] ?? 0;
    offset = buffer.writeInt32BE(length + 1, offset);
    buffer[offset] = JSONB_VERSION;
    offset += 1 + buffer.write(text, offset + 1, length, 'utf8');
  });
  return buffer;
}
