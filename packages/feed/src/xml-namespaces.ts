import type { FeedFormat } from '@tidings/contracts';

/** Namespace URIs that tell feed versions apart. */
export const NS_ATOM_1 = 'http://www.w3.org/2005/Atom';
export const NS_ATOM_03 = 'http://purl.org/atom/ns#';
export const NS_RSS_090 = 'http://my.netscape.com/rdf/simple/0.9/';

/**
 * Namespaces whose elements are the feed's own vocabulary, read unprefixed:
 * RSS 1.0 and 0.90, and the default namespaces some RSS 2.0 generators put
 * on `<rss>` (UserLand's and Harvard's).
 */
const RSS_NAMESPACES = [
  'http://purl.org/rss/1.0/',
  NS_RSS_090,
  'http://backend.userland.com/rss2',
  'http://backend.userland.com/rss',
  'http://blogs.law.harvard.edu/tech/rss',
];

const ATOM_NAMESPACES = [NS_ATOM_1, NS_ATOM_03];

/**
 * Extension namespaces we read, by the prefix our element names use. A feed
 * may bind them to any prefix (WCF feeds write `a10:` for Atom); names are
 * rewritten to these prefixes while the tree is built.
 */
const EXTENSION_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  dc: ['http://purl.org/dc/elements/1.1/'],
  dcterms: ['http://purl.org/dc/terms/'],
  content: ['http://purl.org/rss/1.0/modules/content/'],
  media: ['http://search.yahoo.com/mrss/', 'http://video.search.yahoo.com/mrss/', 'http://tools.search.yahoo.com/mrss/'],
  itunes: ['http://www.itunes.com/dtds/podcast-1.0.dtd'],
  rdf: ['http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  xhtml: ['http://www.w3.org/1999/xhtml'],
  // The RSS 1.0 Syndication module: polling hints (sy:updatePeriod, sy:updateFrequency).
  sy: ['http://purl.org/rss/1.0/modules/syndication/'],
};

/**
 * Maps namespace URIs to the prefix an element in them is named with: ''
 * for the feed's own vocabulary, else the usual prefix of a known
 * extension. URIs are compared loosely (case, a trailing `/` or `#`),
 * because feeds misspell them in exactly those ways.
 */
export class NamespacePrefixes {
  private readonly byUri: ReadonlyMap<string, string>;
  /** The loose form of the namespace the root element adopted as the feed's own vocabulary, if any. */
  private adopted: string | null = null;
  /** Answers already given, by the URI as the document spells it. */
  private readonly bySpelling = new Map<string, string | undefined>();

  constructor(format: Exclude<FeedFormat, 'jsonfeed'>) {
    this.byUri = format === 'atom1' || format === 'atom03' ? ATOM_DOCUMENT_PREFIXES : RSS_DOCUMENT_PREFIXES;
  }

  /**
   * Makes `uri` the feed's own vocabulary: the default namespace of an
   * unprefixed root is what the document's elements are written in, even
   * when it is a namespace we know as an extension (an `<rss>` that puts
   * itself in some other namespace must not lose its `<title>`).
   */
  adoptRootNamespace(uri: string): void {
    this.adopted = looseUri(uri);
    this.bySpelling.clear();
  }

  /** The prefix for `uri`, or undefined when it is not a namespace we know. */
  prefixFor(uri: string): string | undefined {
    // Asked once per element: the exact spelling is looked up first, and the loose form only once per spelling.
    const exact = this.bySpelling.get(uri);
    if (exact !== undefined || this.bySpelling.has(uri)) return exact;
    const loose = looseUri(uri);
    const prefix = loose === this.adopted ? '' : this.byUri.get(loose);
    this.bySpelling.set(uri, prefix);
    return prefix;
  }
}

/** The prefix of every namespace we know, by its loose form, with Atom's as `atomPrefix`. Built once per kind of document. */
function knownPrefixes(atomPrefix: string): ReadonlyMap<string, string> {
  const byUri = new Map<string, string>();
  for (const [prefix, uris] of Object.entries(EXTENSION_PREFIXES)) for (const uri of uris) byUri.set(looseUri(uri), prefix);
  for (const uri of RSS_NAMESPACES) byUri.set(looseUri(uri), '');
  // Atom is the vocabulary of an Atom document and an extension (atom:link) inside RSS.
  for (const uri of ATOM_NAMESPACES) byUri.set(looseUri(uri), atomPrefix);
  return byUri;
}

function looseUri(uri: string): string {
  return uri.trim().toLowerCase().replace(/(?<![/#])[/#]+$/, '');
}

const ATOM_DOCUMENT_PREFIXES = knownPrefixes('');
const RSS_DOCUMENT_PREFIXES = knownPrefixes('atom');
