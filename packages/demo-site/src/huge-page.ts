import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bigger than any sane article and than the tests' 1 MB fetch cap. */
export const HUGE_PAGE_BYTES = 3 * 1024 * 1024;

const HEAD = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Weather bulletins: the complete archive | Caucasus Courier</title></head>
<body>
<main><article>
<h1>Weather bulletins: the complete archive</h1>
`;
const TAIL = '</article></main>\n</body>\n</html>\n';

function bulletin(n: number): string {
  return `<p>Bulletin ${n}. Clear skies over the plains in the morning, with cloud building over the mountains by early afternoon and a chance of showers on the high passes. Winds light and variable, strengthening from the north-west in the evening. Temperatures close to the seasonal average; frost possible in sheltered valleys before dawn.</p>\n`;
}

/** Valid HTML, about `totalBytes` long, produced in ~64 KB chunks as the client reads. */
function* hugePageChunks(totalBytes: number): Generator<Buffer> {
  yield Buffer.from(HEAD);
  let sent = HEAD.length;
  let n = 1;
  while (sent < totalBytes) {
    let chunk = '';
    while (chunk.length < 64 * 1024 && sent + chunk.length < totalBytes) chunk += bulletin(n++);
    sent += chunk.length;
    yield Buffer.from(chunk);
  }
  yield Buffer.from(TAIL);
}

/**
 * Streams the huge page chunked, with no Content-Length, so a client only
 * learns its size by reading, and must stop at its cap. Never gzipped, so
 * the bytes on the wire are the bytes decoded.
 */
export function sendHugePage(req: IncomingMessage, res: ServerResponse, totalBytes = HUGE_PAGE_BYTES): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // A client that hits its cap hangs up mid-stream; that is the expected ending, not an error.
  pipeline(Readable.from(hugePageChunks(totalBytes)), res).catch(() => {});
}
