/** @tidings/opml: subscription lists in and out, folders and categories as feed tags. */
export { parseOpml, NotOpmlError, type OpmlDocument, type OpmlFeed, type OpmlInvalid } from './parse-opml.js';
export { parseOpmlBytes, type DecodedOpmlDocument, type ParseOpmlBytesOptions } from './parse-opml-bytes.js';
export { writeOpml, type OpmlEntry } from './write-opml.js';
