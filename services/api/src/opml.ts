import { parseOpmlBytes, writeOpml } from '@tidings/opml';

/**
 * What the API needs from an OPML implementation, kept this small so the
 * routes do not depend on its details (and a test can pass null to see 501).
 */
export interface OpmlOutline {
  url: string;
  title: string | null;
  /** Folders the outline sits in (outermost first), then its categories. */
  tags: string[];
}

export interface OpmlCodec {
  /**
   * The feeds an OPML document lists, and the entries that cannot be feeds.
   * Takes the document's bytes: the charset is the document's to say (its
   * byte order mark, the upload's Content-Type charset, its XML
   * declaration), not the transport's.
   * @throws on a document that is not OPML (answered 400).
   */
  parse(document: Uint8Array, contentType: string | null): { feeds: OpmlOutline[]; invalid: Array<{ entry: string; reason: string }> };
  /** An OPML document listing `feeds` (folders from their first tag). */
  render(feeds: ReadonlyArray<{ url: string; title: string | null; tags: string[] }>, options: { title: string }): string;
}

/** The OPML codec of @tidings/opml. */
export const TIDINGS_OPML: OpmlCodec = {
  parse: (bytes, contentType) => {
    const document = parseOpmlBytes(bytes, { contentType });
    return { feeds: document.feeds, invalid: document.invalid };
  },
  render: (feeds, options) => writeOpml(feeds.map(({ url, title, tags }) => ({ url, title, tags })), options),
};
