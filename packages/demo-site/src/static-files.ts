import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Every file claims the same fixed modification time, so If-Modified-Since is predictable. */
export const LAST_MODIFIED = 'Thu, 21 Sep 2023 12:00:00 GMT';
const LAST_MODIFIED_MS = Date.parse(LAST_MODIFIED);

/** The placeholder text files carry where the server's own URL belongs. */
const BASE_PLACEHOLDER = '{{BASE}}';

/** Content type by extension; `text` files get {{BASE}} replaced and may be gzipped. */
const TYPES: Readonly<Record<string, { type: string; text: boolean }>> = {
  '.html': { type: 'text/html; charset=utf-8', text: true },
  '.rss': { type: 'application/rss+xml; charset=utf-8', text: true },
  '.xml': { type: 'application/rss+xml; charset=utf-8', text: true },
  '.atom': { type: 'application/atom+xml; charset=utf-8', text: true },
  '.json': { type: 'application/feed+json', text: true },
  '.css': { type: 'text/css; charset=utf-8', text: true },
  '.svg': { type: 'image/svg+xml', text: true },
};

/** A file ready to serve: the body with the base URL in place, its gzip form and its validators. */
export interface SiteFile {
  body: Buffer;
  /** Absent for files served byte for byte. */
  gzipped?: Buffer;
  contentType: string;
  /** Strong validator of `body`; the gzip form's is the same with a "-gzip" suffix. */
  etag: string;
}

/** Reads every file under `root`, keyed by root-relative URL path ("/feeds/news.rss"). */
export async function readTree(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.set(`/${path.relative(root, full).split(path.sep).join('/')}`, await readFile(full));
    }
  };
  await walk(root);
  return files;
}

/**
 * Turns raw files into what the server sends for `baseUrl`. Paths in
 * `byteExact` are sent untouched with the given content type (the
 * windows-1251 page must arrive exactly as stored, without a charset).
 */
export async function prepareFiles(raw: ReadonlyMap<string, Buffer>, baseUrl: string, byteExact: ReadonlyMap<string, string>): Promise<Map<string, SiteFile>> {
  const prepared = new Map<string, SiteFile>();
  for (const [urlPath, content] of raw) {
    const exactType = byteExact.get(urlPath);
    const known = TYPES[path.extname(urlPath)];
    if (exactType !== undefined) {
      prepared.set(urlPath, { body: content, contentType: exactType, etag: strongEtag(content) });
    } else if (known?.text) {
      const body = Buffer.from(content.toString('utf8').replaceAll(BASE_PLACEHOLDER, baseUrl), 'utf8');
      prepared.set(urlPath, { body, gzipped: await gzipAsync(body), contentType: known.type, etag: strongEtag(body) });
    } else {
      prepared.set(urlPath, { body: content, contentType: known?.type ?? 'application/octet-stream', etag: strongEtag(content) });
    }
  }
  return prepared;
}

function strongEtag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

const gzipEtag = (etag: string) => `${etag.slice(0, -1)}-gzip"`;

/** True when Accept-Encoding lets us send gzip (explicitly, or through `*`, with q > 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const qParam = params.find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (coding === 'gzip' || coding === 'x-gzip') return q > 0;
    if (coding === '*') wildcard = q > 0;
  }
  return wildcard;
}

/**
 * RFC 9110 §13.1: If-None-Match (weak comparison, either coding's tag)
 * decides when present; otherwise If-Modified-Since against the fixed date.
 */
function isNotModified(req: IncomingMessage, file: SiteFile): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    const ours = [file.etag, gzipEtag(file.etag)];
    return ifNoneMatch.split(',').some((tag) => ours.includes(tag.trim().replace(/^W\//, '')));
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && LAST_MODIFIED_MS <= since;
}

/** Sends a file with validators, answering 304 to a matching conditional request and gzipping when allowed. */
export function sendFile(req: IncomingMessage, res: ServerResponse, file: SiteFile): void {
  const useGzip = file.gzipped !== undefined && acceptsGzip(req.headers['accept-encoding']);
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    ETag: useGzip ? gzipEtag(file.etag) : file.etag,
    'Last-Modified': LAST_MODIFIED,
    'Cache-Control': 'no-cache',
  };
  if (file.gzipped !== undefined) headers.Vary = 'Accept-Encoding';
  if (isNotModified(req, file)) {
    res.writeHead(304, headers).end();
    return;
  }
  const body = useGzip && file.gzipped ? file.gzipped : file.body;
  if (useGzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = String(body.length);
  res.writeHead(200, headers).end(body);
}
