/**
 * normaliseUrl on any text (and, after a newline, any base): it never
 * throws, and returns null or an absolute http(s) URL without fragment,
 * credentials or tracking parameters that normalises to itself ("one page
 * has one spelling").
 */
import { normaliseUrl } from '@tidings/url';
import { check, isHttpUrl, shown, unexpected } from '../contract.js';

/** Tracking parameters normaliseUrl promises to drop (a sample of its list, plus every utm_*). */
const TRACKING = /^(?:utm_.*|fbclid|gclid|msclkid)$/i;

export function fuzz(data: Buffer): void {
  const text = data.toString('utf8');
  const newline = text.indexOf('\n');
  const raw = newline === -1 ? text : text.slice(0, newline);
  const base = newline === -1 ? null : text.slice(newline + 1);
  let normalised: string | null;
  try {
    normalised = normaliseUrl(raw, base);
  } catch (error) {
    throw unexpected(error, 'null or a URL (normaliseUrl never throws)');
  }
  if (normalised === null) return;
  const input = `${shown(raw)}${base === null ? '' : ` against ${shown(base)}`}`;
  check(isHttpUrl(normalised), `${input} gave ${shown(normalised)}, not an absolute http(s) URL`);
  const url = new URL(normalised);
  check(url.hash === '' && !normalised.includes('#'), `${input} gave ${shown(normalised)}, which keeps a fragment`);
  check(url.username === '' && url.password === '', `${input} gave ${shown(normalised)}, which keeps credentials`);
  check(![...url.searchParams.keys()].some((name) => TRACKING.test(name)), `${input} gave ${shown(normalised)}, which keeps a tracking parameter`);
  const again = normaliseUrl(normalised);
  check(again === normalised, `${input} gave ${shown(normalised)}, which normalises to ${again === null ? 'null' : shown(again)}`);
}
