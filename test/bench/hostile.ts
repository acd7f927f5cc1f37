/**
 * bench:hostile — how parse time grows with hostile input. For each
 * pathological class (nested tags, stray end tags, unclosed items, long
 * attributes, entity chains, DOCTYPE tricks, 10 MB of plain text) the input
 * is built at 1x, 4x and 16x its base size and parsed by parseFeed
 * (@tidings/feed), extractArticle (@tidings/extract) or parseOpml
 * (@tidings/opml); the median of a few runs is kept. A linear parser takes
 * about 4x and 16x as long at 4x and 16x the size. Prints a markdown table
 * and exits 1 when some parser grows far faster than that (16x/1x above
 * 48), so it can be run as a check. The base sizes keep each 16x parse
 * within a few seconds on one core.
 *
 *   pnpm bench:hostile [--runs 3] [--only feed|extract|opml|<words of a case name>]
 *
 * Numbers depend on the machine and its load; the ratios much less so.
 * Not a test: the unit tests (packages/feed/src/hostile.test.ts) check that
 * such documents parse, never how fast.
 */
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { extractArticle } from '@tidings/extract';
import { parseOpml } from '@tidings/opml';
// The test workspace package does not depend on @tidings/feed; import its source (tsx runs TypeScript).
import { parseFeed } from '../../packages/feed/src/index.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, only: { type: 'string' } } });
const runs = Math.max(1, Number(args.runs));
const SCALES = [1, 4, 16] as const;
/** 16x/1x above this is far from linear: the check fails. */
const FAIL_RATIO = 48;
/** A ratio above this many times the linear one is flagged (16x/1x above 32, 4x/1x above 8). */
const FLAG_FACTOR = 2;
/** A parse slower than this is not repeated. */
const SLOW_MS = 5_000;

type ParserName = 'parseFeed' | 'extractArticle' | 'parseOpml';

interface HostileCase {
  parser: ParserName;
  name: string;
  /** The document at `n` times the base size. */
  build: (n: number) => string;
}

const ITEM = '<item><title>kept</title><link>https://example.org/kept</link></item>';
const rss = (channel: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${ITEM}${channel}</channel></rss>`;
const cdata = (text: string) => `<![CDATA[${text}]]>`;
const WORDS = 'the council voted on the night bus budget and residents asked why the route was cut ';
/** About `chars` characters of prose. */
const prose = (chars: number) => WORDS.repeat(Math.ceil(chars / WORDS.length));
const PAGE_PROSE = `<h1>Night buses</h1>${Array.from({ length: 8 }, () => `<p>${prose(400)}</p>`).join('')}`;
const page = (body: string) => `<html><head><title>Night buses</title></head><body><article>${PAGE_PROSE}</article>${body}</body></html>`;
const opml = (body: string, title = 'Subscriptions') => `<?xml version="1.0"?><opml version="2.0"><head><title>${title}</title></head><body>${body}<outline type="rss" text="kept" xmlUrl="https://example.org/feed.xml"/></body></opml>`;
/** 0 to count-1 in an order that looks random, the same every run (a multiplicative step modulo a prime past count). */
const shuffledNumbers = (count: number): number[] => {
  const prime = 1_000_003;
  return Array.from({ length: prime }, (_, index) => (index * 7_919) % prime)
    .filter((value) => value < count)
    .slice(0, count);
};
const manyAttributes = (count: number) => Array.from({ length: count }, (_, index) => `data-a${index}="${index}"`).join(' ');

const cases: HostileCase[] = [
  // parseFeed
  { parser: 'parseFeed', name: 'nested tags (XML elements)', build: (n) => rss(`${'<x>'.repeat(8_000 * n)}</channel>`) },
  { parser: 'parseFeed', name: 'nested tags (HTML in a description)', build: (n) => rss(`<item><title>a</title><description>${cdata(`${'<div>'.repeat(5_000 * n)}text`)}</description></item>`) },
  { parser: 'parseFeed', name: 'stray end tags (XML)', build: (n) => rss(`${'<x>'.repeat(5_000 * n)}${'</y>'.repeat(5_000 * n)}`) },
  { parser: 'parseFeed', name: 'stray end tags (HTML in a description)', build: (n) => rss(`<item><title>a</title><description>${cdata(`${'<div>'.repeat(2_000 * n)}${'</b>'.repeat(2_000 * n)}`)}</description></item>`) },
  { parser: 'parseFeed', name: 'unclosed items', build: (n) => rss(`<ttl>60</ttl>${'<item><title>a</title>'.repeat(2_500 * n)}`) },
  { parser: 'parseFeed', name: 'items under open elements', build: (n) => rss(`${'<x>'.repeat(2_500 * n)}${'<item/>'.repeat(2_500 * n)}`) },
  {
    parser: 'parseFeed',
    name: 'long attributes',
    build: (n) =>
      rss(
        `<item ${manyAttributes(5_000 * n)}><title x="${'a'.repeat(100_000 * n)}">a</title><enclosure url="https://example.org/${'b'.repeat(100_000 * n)}.mp3" type="audio/mpeg"/>` +
          `<description>${cdata(`<img src="a.jpg" alt="${'c '.repeat(50_000 * n)}">`)}</description></item>` +
          `${Array.from({ length: 2_000 * n }, (_, index) => `<x xmlns:p${index}="urn:example:${index}">`).join('')}`,
      ),
  },
  { parser: 'parseFeed', name: 'unterminated attribute quotes (XHTML)', build: (n) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title>a</title><content type="xhtml">${cdata(`<div><p>kept</p>${'<div class="'.repeat(10_000 * n)}</div>`)}</content></entry></feed>` },
  {
    parser: 'parseFeed',
    name: 'entity chains',
    build: (n) =>
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "&amp;amp;&nbsp;">]><rss version="2.0"><channel><title>t</title>` +
      `<item><title>${'&amp;lt;p'.repeat(4_000 * n)}</title><description>${'&amp;amp;amp;&nbsp;&e;&#38;#38;'.repeat(2_000 * n)}</description></item></channel></rss>`,
  },
  { parser: 'parseFeed', name: 'DOCTYPE left open', build: (n) => `<?xml version="1.0"?><!DOCTYPE rss${'[]'.repeat(200_000 * n)}[<rss version="2.0"><channel><title>t</title>${ITEM}</channel></rss>` },
  { parser: 'parseFeed', name: 'DOCTYPE with many subsets', build: (n) => `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "A">]${'[] "x>y" '.repeat(20_000 * n)}><rss version="2.0"><channel><title>&a;</title>${ITEM}</channel></rss>` },
  { parser: 'parseFeed', name: 'JSON cut off deep in arrays', build: (n) => `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"x"}],"x":${'['.repeat(20_000 * n)}${']'.repeat(20_000 * n)} junk` },
  { parser: 'parseFeed', name: '10 MB of plain text (at 16x)', build: (n) => rss(`<item><title>a</title><description>${prose(640_000 * n)}</description></item>`) },
  // extractArticle
  { parser: 'extractArticle', name: 'nested divs', build: (n) => page(`${'<div>'.repeat(2_000 * n)}<p>${prose(300)}</p>`) },
  { parser: 'extractArticle', name: 'stray end tags', build: (n) => page(`${'<div>'.repeat(1_000 * n)}${'</b>'.repeat(1_000 * n)}`) },
  { parser: 'extractArticle', name: 'long attributes', build: (n) => page(`<div class="${'a '.repeat(10_000 * n)}" ${manyAttributes(1_000 * n)}><img src="a.jpg" alt="${'c'.repeat(25_000 * n)}"></div>`) },
  { parser: 'extractArticle', name: 'many attributes on one element', build: (n) => page(`<div ${manyAttributes(6_000 * n)}>x</div>`) },
  // Attributes named by numbers go first in numeric order (as htmlparser2's object of them orders them): written shuffled.
  { parser: 'extractArticle', name: 'attributes named by numbers, shuffled', build: (n) => page(`<div ${shuffledNumbers(6_000 * n).map((name) => `${name}="x"`).join(' ')}>x</div>`) },
  { parser: 'extractArticle', name: 'entity chains', build: (n) => page(`<p>${'&amp;amp;lt;p &nbsp;&#38;#38; '.repeat(1_500 * n)}</p>`) },
  // One long text with an entity in every sentence: the parser must not search the rest of the page for each one.
  { parser: 'extractArticle', name: 'an entity in every sentence', build: (n) => page(`<p>${'the council voted &amp; residents asked why '.repeat(2_500 * n)}</p>`) },
  { parser: 'extractArticle', name: '10 MB of plain text (at 16x)', build: (n) => page(`<p>${prose(640_000 * n)}</p>`) },
  // Openings that never close: a regular expression looking for the end of each scans to the end of the page.
  { parser: 'extractArticle', name: 'unclosed scripts and comments', build: (n) => page(`<p>${'<script x <!-- '.repeat(2_000 * n)}</p>`) },
  { parser: 'extractArticle', name: 'unclosed styles and SVG', build: (n) => page(`<p>${'<style><svg><template> '.repeat(2_000 * n)}</p>`) },
  { parser: 'extractArticle', name: 'lazy picture attributes', build: (n) => page('').replace('</article>', `<figure><img src="a.jpg" srcset="${'w'.repeat(20_000 * n)}\t." data-src="${'b.jpg'.repeat(4_000 * n)}\t."></figure></article>`) },
  // Each U+FFFD in the headline may stand for one to three characters of the <title>: a regular expression tried 3^n ways.
  {
    parser: 'extractArticle',
    name: 'a headline of lost characters',
    build: (n) => page('').replace('<title>Night buses', `<title>Night buses ${prose(300 * n)}`).replace('<h1>Night buses</h1>', `<h1>Night b${'\uFFFD'.repeat(20 * n)}</h1>`),
  },
  // parseOpml
  { parser: 'parseOpml', name: 'nested outlines', build: (n) => opml(`${'<outline text="folder">'.repeat(5_000 * n)}${'</outline>'.repeat(5_000 * n)}`) },
  { parser: 'parseOpml', name: 'stray end tags', build: (n) => opml(`${'<outline text="folder">'.repeat(1_500 * n)}${'</b>'.repeat(1_500 * n)}${'</outline>'.repeat(1_500 * n)}`) },
  { parser: 'parseOpml', name: 'long attributes', build: (n) => opml(`<outline type="rss" text="${'t'.repeat(100_000 * n)}" category="${'/a/,'.repeat(20_000 * n)}" xmlUrl="https://example.org/${'u'.repeat(100_000 * n)}" ${manyAttributes(2_000 * n)}/>`) },
  { parser: 'parseOpml', name: 'entity chains', build: (n) => opml(`<outline type="rss" text="${'&amp;amp;&#38;#38;&lt;'.repeat(20_000 * n)}" xmlUrl="https://example.org/a"/>`) },
  { parser: 'parseOpml', name: '10 MB of plain text (at 16x)', build: (n) => opml('', prose(640_000 * n)) },
];

const parsers: Record<ParserName, (input: string) => Promise<unknown>> = {
  // Serialised, as the CLI and the queues do: parseFeed sanitises summaries and content when they are first read.
  parseFeed: async (input) => JSON.stringify(await parseFeed(input, { feedUrl: 'https://example.org/feed.xml' })),
  extractArticle: async (input) => extractArticle(input, { url: 'https://example.org/night-buses' }),
  parseOpml: async (input) => parseOpml(input),
};

// Collect garbage before each timed parse, so that one parse does not pay for the last one's.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Milliseconds of one parse; a typed refusal (not a feed, not an article) counts as a parse too. */
async function timeOnce(parser: ParserName, input: string): Promise<number> {
  gc();
  const start = performance.now();
  await parsers[parser](input).catch(() => undefined);
  return performance.now() - start;
}

const format = (value: number, digits: number) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

interface Row {
  benchCase: HostileCase;
  bytes: number;
  ms: number[];
}

async function measure(benchCase: HostileCase): Promise<Row> {
  const ms: number[] = [];
  let bytes = 0;
  for (const scale of SCALES) {
    const input = benchCase.build(scale);
    if (scale === 1) {
      bytes = Buffer.byteLength(input);
      // Warm up on the document itself: the 1x time is the one every ratio divides by.
      await timeOnce(benchCase.parser, input);
    }
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      times.push(await timeOnce(benchCase.parser, input));
      // One slow parse is answer enough: running a super-linear case again only delays the table.
      if ((times.at(-1) as number) > SLOW_MS) break;
    }
    ms.push(median(times));
    // Progress for people watching (stderr, so that stdout stays the table).
    process.stderr.write(`${benchCase.parser} / ${benchCase.name} at ${scale}x: ${format(median(times), 1)} ms\n`);
  }
  return { benchCase, bytes, ms };
}

function verdict(ratio4: number, ratio16: number): string {
  if (ratio16 > FAIL_RATIO) return '**super-linear**';
  if (ratio16 > 16 * FLAG_FACTOR || ratio4 > 4 * FLAG_FACTOR) return 'above 2x linear?';
  return 'linear';
}

const only = args.only?.toLowerCase();
const selected = cases.filter((benchCase) => only === undefined || benchCase.parser.toLowerCase().includes(only) || benchCase.name.toLowerCase().includes(only));
const rows: Row[] = [];
for (const benchCase of selected) rows.push(await measure(benchCase));

console.log(`bench:hostile — Node ${process.version}, median of ${runs} run${runs === 1 ? '' : 's'} per size\n`);
console.log('| parser | class | bytes at 1x | ms at 1x | ms at 4x | ms at 16x | 4x/1x | 16x/1x | verdict |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
let failed = false;
for (const { benchCase, bytes, ms } of rows) {
  const [one, four, sixteen] = ms as [number, number, number];
  // A sub-millisecond 1x time would make the ratios noise: divide by at least 1 ms.
  const base = Math.max(one, 1);
  const ratio4 = four / base;
  const ratio16 = sixteen / base;
  if (ratio16 > FAIL_RATIO) failed = true;
  console.log(
    `| ${benchCase.parser} | ${benchCase.name} | ${format(bytes, 0)} | ${format(one, 1)} | ${format(four, 1)} | ${format(sixteen, 1)} | ${format(ratio4, 1)} | ${format(ratio16, 1)} | ${verdict(ratio4, ratio16)} |`,
  );
}
console.log(`\nLinear growth gives about 4 and 16; a ratio above ${FLAG_FACTOR}x that is flagged, and a 16x/1x above ${FAIL_RATIO} fails the run.`);
if (failed) {
  console.error('bench:hostile: some parser grows far faster than its input');
  process.exitCode = 1;
}
