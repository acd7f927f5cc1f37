import type { DocumentKind } from '@tidings/text';

/** What kind of document is expected; steers charset sniffing (declared with the charset rules, in @tidings/text). */
export type { DocumentKind };

/** Options for {@link fetchUrl}. */
export interface FetchOptions {
  /**
   * Private addresses exempt from the SSRF guard (TIDINGS_FETCH_ALLOW_PRIVATE):
   * `CIDR` (every port; a bare address is one host), `CIDR:port`,
   * `host:port` or `[v6]:port`, e.g. `['127.0.0.1:8931']` for a local test
   * site. An exemption only covers requests to the origin in scope (see
   * `privateOrigin`), at every redirect hop.
   */
  allowPrivate: string[];
  /**
   * True (TIDINGS_FETCH_ALLOW_PRIVATE_LINKS): an exemption covers any URL
   * whose address and port an entry names, whatever its origin. Default false.
   */
  allowPrivateLinks?: boolean;
  /**
   * The one origin (scheme, host, port) private-address exemptions cover:
   * for an article page, the origin of the feed that listed it, so a feed
   * on an exempted address cannot send us to another private port. Given as
   * any URL of that origin. Default: the origin of the URL requested.
   */
  privateOrigin?: string;
  /** Budget for the whole request in milliseconds: DNS, connect, headers, body, every redirect hop. */
  timeoutMs: number;
  /** Cap on the decompressed body in bytes; exceeding it fails with `too-large`. */
  maxBytes: number;
  /** Redirects to follow before failing with `too-many-redirects`. Default 5. */
  maxRedirects?: number;
  /**
   * Asked before each redirect is followed, with the absolute URL it leads
   * to: what it throws ends the fetch (the article fetcher's robots.txt
   * check, which a redirect into a disallowed path must meet as a link
   * there does). Not asked for the URL first requested.
   */
  beforeRedirect?: (next: string) => Promise<void>;
  /**
   * Called when a response's status line and headers arrive (each hop's):
   * a failure after it (a body that stalls, a connection reset mid-body) is
   * the host's, not the network's, whatever its code.
   */
  onResponse?: () => void;
  /** Validator from an earlier fetch, sent as If-None-Match. */
  etag?: string | null;
  /** Validator from an earlier fetch, sent as If-Modified-Since. */
  lastModified?: string | null;
  /** Accept header. Defaults to one suited to `kind`. */
  accept?: string;
  /**
   * Decoding hint: a feed honours the `<?xml encoding?>` declaration, a page the
   * `<meta charset>`. Left out, both are looked for.
   */
  kind?: DocumentKind;
  /** Cancels the fetch; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Sends a POST with these fields (application/x-www-form-urlencoded)
   * instead of a GET: a WebSub subscription request to a hub. Redirects are
   * not followed (a 3xx fails with `too-many-redirects`).
   */
  form?: Record<string, string>;
}

/** A successful (2xx) or not-modified (304) response, body decoded to text. */
export interface FetchResult {
  /** The URL as requested. */
  url: string;
  /** The URL the response came from, after redirects. */
  finalUrl: string;
  /** Each redirect hop's Location, resolved to an absolute URL, in order. */
  redirects: string[];
  /** The status of each redirect hop (301, 302, 303, 307, 308), parallel to `redirects`. */
  redirectStatuses: number[];
  /** 200..299, or 304. */
  status: number;
  /** True on 304; `text` is then empty. */
  notModified: boolean;
  /** Mime type only, lower-case (e.g. `text/html`), or null when the server sent none. */
  contentType: string | null;
  /** The charset the body was decoded with (e.g. `windows-1251`); null on 304. */
  charset: string | null;
  /** The body decoded to a JS string, without a byte order mark. */
  text: string;
  /** What was wrong with the declared charset and what was done about it (see decodeBody); empty when nothing was. */
  warnings: string[];
  /** Length of the decompressed body in bytes. */
  bytes: number;
  /** ETag of the response; on a 304 without one, the validator that was sent. */
  etag: string | null;
  /** Last-Modified of the response; on a 304 without one, the validator that was sent. */
  lastModified: string | null;
  /** Response headers, names lower-case, repeated headers joined with ", ". */
  headers: Record<string, string>;
}
