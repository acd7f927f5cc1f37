/**
 * parseOpml on any text: it returns feeds with absolute http(s) URLs and
 * clean tags, or throws NotOpmlError (its one documented error), never
 * anything else, and never hangs. And what it read survives an export:
 * writeOpml promises that parseOpml gives back the same feeds, titles and
 * tags, less what the two document changing: control characters XML cannot
 * hold are dropped; a tag after the first is written as a category, where
 * commas become spaces and surrounding slashes are dropped.
 */
import { isDeepStrictEqual } from 'node:util';
import { NotOpmlError, parseOpml, writeOpml, type OpmlDocument } from '@tidings/opml';
import { check, isHttpUrl, unexpected } from '../contract.js';

/** True when `value` holds a C0 control other than tab, newline and return: XML cannot carry them, and writeOpml drops them. */
function hasControl(value: string): boolean {
  return [...value].some((char) => char < ' ' && char !== '\t' && char !== '\n' && char !== '\r');
}

/** A tag as it reads back from a `category` attribute: commas become spaces (writeOpml), whitespace collapsed, surrounding slashes dropped (parseOpml). */
function asCategory(tag: string): string {
  return tag.replaceAll(',', ' ').replace(/\s+/g, ' ').trim().replace(/^\/+|\/+$/g, '').trim();
}

function checkRoundTrip(document: OpmlDocument): void {
  const entries = document.feeds.map(({ url, title, tags }) => ({ url, title, tags }));
  // What holds a control character cannot come back whole (it is dropped on the way out, by design).
  if (entries.some((entry) => [entry.url, entry.title ?? '', ...entry.tags].some(hasControl))) return;
  const again = parseOpml(writeOpml(entries, { now: new Date(0) }));
  // The first tag is written as the folder, the others as categories.
  const expected = entries.map((entry) => ({
    url: entry.url,
    title: entry.title ?? entry.url,
    tags: [...new Set(entry.tags.map((tag, index) => (index === 0 ? tag : asCategory(tag))).filter((tag) => tag !== ''))],
  }));
  const got = again.feeds.map(({ url, title, tags }) => ({ url, title, tags }));
  // Feeds come back grouped by folder (their first tag), so compare them in any order.
  const sorted = (feeds: typeof got) => feeds.map((feed) => JSON.stringify(feed)).sort();
  check(isDeepStrictEqual(sorted(got), sorted(expected)), `writeOpml then parseOpml changed the feeds: ${JSON.stringify(expected)} came back as ${JSON.stringify(got)}`);
}

export function fuzz(data: Buffer): void {
  let document;
  try {
    document = parseOpml(data.toString('utf8'));
  } catch (error) {
    if (error instanceof NotOpmlError) return;
    throw unexpected(error, 'an OpmlDocument or NotOpmlError');
  }
  const clean = (value: string) => value !== '' && value === value.trim();
  check(document.title === null || clean(document.title), `title is ${JSON.stringify(document.title)}`);
  document.feeds.forEach((feed, index) => {
    check(isHttpUrl(feed.url), `feeds[${index}].url is ${JSON.stringify(feed.url)}, not an absolute http(s) URL`);
    check(feed.title === null || clean(feed.title), `feeds[${index}].title is ${JSON.stringify(feed.title)}`);
    check(feed.tags.every(clean), `feeds[${index}].tags holds an empty or untrimmed tag: ${JSON.stringify(feed.tags)}`);
    check(new Set(feed.tags).size === feed.tags.length, `feeds[${index}].tags holds a duplicate: ${JSON.stringify(feed.tags)}`);
  });
  document.invalid.forEach((entry, index) => {
    check(entry.entry !== '' && entry.reason !== '', `invalid[${index}] does not say what or why`);
  });
  checkRoundTrip(document);
}
