import { collapseWhitespace } from '@tidings/text';
import { readXmlEvents } from './xml-events.js';

/** One feed an OPML file lists. */
export interface OpmlFeed {
  /** `xmlUrl`, trimmed (checked to be an absolute http(s) URL). */
  url: string;
  /** `title`, else `text`, or null. */
  title: string | null;
  /** `htmlUrl`, or null. */
  siteUrl: string | null;
  /**
   * The folders it sits in (outermost first), then its `category`
   * attribute's entries (comma-separated, whitespace collapsed, surrounding slashes dropped);
   * without empty ones and duplicates.
   */
  tags: string[];
}

/** An outline that looked like a subscription but cannot be one. */
export interface OpmlInvalid {
  /** What the file said: the xmlUrl, else the outline's text. */
  entry: string;
  reason: string;
}

export interface OpmlDocument {
  /** `<head><title>`, or null. */
  title: string | null;
  feeds: OpmlFeed[];
  invalid: OpmlInvalid[];
}

/** The file is not OPML at all (no `<opml>` root). */
export class NotOpmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotOpmlError';
  }
}

interface Frame {
  /** The folder name this outline adds to its feeds' tags, or null (a feed, an unnamed folder, or a name an outer folder already adds). */
  addsTag: string | null;
}

/**
 * Reads an OPML subscription list (OPML 1.0 and 2.0, and the many loose
 * exports in the wild: unknown attribute case, `type` missing, entities and
 * stray `&`). An `<outline>` with an `xmlUrl` is a feed; one without is a
 * folder whose `text`/`title` becomes a tag of every feed inside it.
 * Linear in the file however deep its outlines nest (see xml-events.ts).
 *
 * @throws NotOpmlError when the document has no `<opml>` element.
 */
export function parseOpml(xml: string): OpmlDocument {
  const feeds: OpmlFeed[] = [];
  const invalid: OpmlInvalid[] = [];
  const stack: Frame[] = [];
  /**
   * The distinct names of the open folders, outermost first, kept as
   * outlines open and close: a feed's folder tags without a walk up
   * through every folder it is in.
   */
  const folderTags: string[] = [];
  const openFolderTags = new Set<string>();
  let sawOpml = false;
  let inHeadTitle = false;
  let title = '';
  readXmlEvents(xml, {
    onopentag(rawName, rawAttributes) {
      const name = rawName.toLowerCase();
      if (name === 'opml') sawOpml = true;
      if (name === 'title' && stack.length === 0) inHeadTitle = true;
      if (name !== 'outline') return;
      const attributes = lowerCaseKeys(rawAttributes);
      const label = clean(attributes.get('title')) ?? clean(attributes.get('text'));
      const xmlUrl = clean(attributes.get('xmlurl'));
      const looksLikeFeed = xmlUrl !== null || /^(rss|atom|feed|rdf)$/i.test(attributes.get('type') ?? '');
      if (!looksLikeFeed) {
        const addsTag = label !== null && !openFolderTags.has(label) ? label : null;
        if (addsTag !== null) {
          folderTags.push(addsTag);
          openFolderTags.add(addsTag);
        }
        stack.push({ addsTag });
        return;
      }
      stack.push({ addsTag: null });
      const tags = unique([...folderTags, ...categories(attributes.get('category'))]);
      const problem = xmlUrl === null ? 'no xmlUrl' : urlProblem(xmlUrl);
      if (problem !== null) {
        invalid.push({ entry: xmlUrl ?? label ?? '(unnamed outline)', reason: problem });
        return;
      }
      feeds.push({ url: xmlUrl!, title: label, siteUrl: clean(attributes.get('htmlurl')), tags });
    },
    ontext(text) {
      if (inHeadTitle) title += text;
    },
    onclosetag(rawName) {
      const name = rawName.toLowerCase();
      if (name === 'title') inHeadTitle = false;
      if (name !== 'outline') return;
      const frame = stack.pop();
      if (frame !== undefined && frame.addsTag !== null) {
        folderTags.pop();
        openFolderTags.delete(frame.addsTag);
      }
    },
  });
  if (!sawOpml) throw new NotOpmlError('not an OPML file: no <opml> element');
  return { title: clean(title), feeds, invalid };
}

/** Attribute names lower-cased; of two that differ only in case, the later counts (as it always has here). */
function lowerCaseKeys(attributes: ReadonlyMap<string, string>): Map<string, string> {
  const lowered = new Map<string, string>();
  for (const [key, value] of attributes) lowered.set(key.toLowerCase(), value);
  return lowered;
}

/** One line (collapseWhitespace of @tidings/text: the one normalisation of titles and names), or null when nothing is left. */
function clean(value: string | undefined): string | null {
  return value === undefined ? null : collapseWhitespace(value) || null;
}

function categories(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(',').flatMap((entry) => {
    // Whitespace collapsed as in folder names (clean), so a tag reads the same whichever way it was written.
    const tag = collapseWhitespace(entry).replace(/^\/+|(?<!\/)\/+$/g, '').trim();
    return tag ? [tag] : [];
  });
}

function unique(tags: string[]): string[] {
  return [...new Set(tags)];
}

function urlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `xmlUrl "${value}" is not an absolute URL`;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? null : `xmlUrl "${value}" is not http(s)`;
}
