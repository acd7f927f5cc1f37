import { Parser } from 'htmlparser2';

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
   * attribute's entries (comma-separated, surrounding slashes dropped);
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
  /** The folder name this outline adds for its children, or null (a feed, or an unnamed folder). */
  folder: string | null;
}

/**
 * Reads an OPML subscription list (OPML 1.0 and 2.0, and the many loose
 * exports in the wild: unknown attribute case, `type` missing, entities and
 * stray `&`). An `<outline>` with an `xmlUrl` is a feed; one without is a
 * folder whose `text`/`title` becomes a tag of every feed inside it.
 *
 * @throws NotOpmlError when the document has no `<opml>` element.
 */
export function parseOpml(xml: string): OpmlDocument {
  const feeds: OpmlFeed[] = [];
  const invalid: OpmlInvalid[] = [];
  const stack: Frame[] = [];
  let sawOpml = false;
  let inHeadTitle = false;
  let title = '';
  const parser = new Parser(
    {
      onopentag(rawName, rawAttributes) {
        const name = rawName.toLowerCase();
        if (name === 'opml') sawOpml = true;
        if (name === 'title' && stack.length === 0) inHeadTitle = true;
        if (name !== 'outline') return;
        const attributes = lowerCaseKeys(rawAttributes);
        const label = clean(attributes.title) ?? clean(attributes.text);
        const xmlUrl = clean(attributes.xmlurl);
        const looksLikeFeed = xmlUrl !== null || /^(rss|atom|feed|rdf)$/i.test(attributes.type ?? '');
        if (!looksLikeFeed) {
          stack.push({ folder: label });
          return;
        }
        stack.push({ folder: null });
        const folders = stack.slice(0, -1).flatMap((frame) => (frame.folder ? [frame.folder] : []));
        const tags = unique([...folders, ...categories(attributes.category)]);
        const problem = xmlUrl === null ? 'no xmlUrl' : urlProblem(xmlUrl);
        if (problem !== null) {
          invalid.push({ entry: xmlUrl ?? label ?? '(unnamed outline)', reason: problem });
          return;
        }
        feeds.push({ url: xmlUrl!, title: label, siteUrl: clean(attributes.htmlurl), tags });
      },
      ontext(text) {
        if (inHeadTitle) title += text;
      },
      onclosetag(rawName) {
        const name = rawName.toLowerCase();
        if (name === 'title') inHeadTitle = false;
        if (name === 'outline') stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.end(xml);
  if (!sawOpml) throw new NotOpmlError('not an OPML file: no <opml> element');
  return { title: clean(title), feeds, invalid };
}

function lowerCaseKeys(attributes: Record<string, string>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key.toLowerCase(), value]));
}

function clean(value: string | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}

function categories(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(',').flatMap((entry) => {
    const tag = entry.trim().replace(/^\/+|\/+$/g, '').trim();
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
