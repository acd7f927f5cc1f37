import { TidingsError, type ErrorCode } from '@tidings/contracts';

/**
 * Thrown by a fuzz target when the function under test broke its contract.
 * Anything a target throws is a finding; this type says it was a checked
 * promise that failed, not a bug in the target itself.
 */
export class ContractViolation extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContractViolation';
  }
}

/** Fails the contract with `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ContractViolation(message);
}

/**
 * Accepts `error` only when it is a TidingsError with one of `codes` (the
 * ones the function documents); anything else is a contract violation that
 * keeps the original error as its cause.
 */
export function expectTidingsError(error: unknown, codes: readonly ErrorCode[]): void {
  if (error instanceof TidingsError && codes.includes(error.code)) return;
  throw unexpected(error, `a TidingsError ${codes.join(' or ')}`);
}

/** A violation for `error` not being `expected`, saying what it was instead. */
export function unexpected(error: unknown, expected: string): ContractViolation {
  const got =
    error instanceof TidingsError
      ? `TidingsError ${error.code}: ${error.message}`
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : `a thrown ${typeof error}: ${String(error)}`;
  return new ContractViolation(`expected ${expected}, got ${got}`, { cause: error });
}

/** True for an absolute http(s) URL as `new URL` reads it. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `2024-05-01T12:00:00.000Z` (what `Date.prototype.toISOString` gives), with or without milliseconds. */
const ISO_UTC = /^[+-]?\d{4,6}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

/** True for an ISO 8601 UTC timestamp naming a real instant. */
export function isIsoUtc(value: string): boolean {
  return ISO_UTC.test(value) && !Number.isNaN(Date.parse(value));
}

/** Checks that `value` is null or satisfies `predicate`, naming the field in the violation. */
export function checkNullable<T>(value: T | null, predicate: (value: T) => boolean, field: string, what: string): void {
  check(value === null || predicate(value), `${field} is ${JSON.stringify(value)}, not null or ${what}`);
}

/** Elements a sanitiser must never let through. */
const UNSAFE_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta']);
/** One start tag: its name and its attributes, quoted values read whole (a "<" or ">" inside one is text, not markup). */
const TAG = /<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** An attribute value as a browser reads it: character references decoded, and the tabs, newlines and controls a URL scheme ignores removed. */
function attributeValue(raw: string): string {
  return raw
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, decimal: string) => String.fromCodePoint(Math.min(Number.parseInt(decimal, 10), 0x10ffff)))
    .replace(/&colon;/gi, ':')
    .replace(/&(?:tab|newline);/gi, '')
    .replace(/[\s\p{Cc}]/gu, '');
}

/**
 * The attributes a browser reads as a URL (or a list of them): where a
 * javascript: or vbscript: scheme runs. Elsewhere (`alt`, `title`) the same
 * words are text: a picture may well be described as "javascript: a guide".
 */
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'cite', 'data', 'background', 'longdesc', 'xlink:href', 'ping', 'manifest', 'icon', 'codebase', 'archive', 'lowsrc', 'dynsrc']);

/**
 * Checks that `html` (documented as sanitised) holds no script, frame or
 * similar element, no event-handler attribute and no javascript: or
 * vbscript: URL in any attribute that holds a URL (each candidate of a
 * `srcset` or `ping` list included).
 */
export function checkSanitised(html: string | null, field: string): void {
  if (html === null) return;
  const fail = (what: string) => new ContractViolation(`${field} is documented as sanitised HTML but holds ${what}: ${shown(html, 300)}`);
  for (const tag of html.matchAll(TAG)) {
    if (UNSAFE_ELEMENTS.has((tag[1] ?? '').toLowerCase())) throw fail(JSON.stringify(tag[0]));
    for (const attribute of (tag[2] ?? '').matchAll(ATTRIBUTE)) {
      const name = (attribute[1] ?? '').toLowerCase();
      if (name.startsWith('on')) throw fail(`the event handler ${JSON.stringify(tag[0])}`);
      if (!URL_ATTRIBUTES.has(name)) continue;
      const raw = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
      // A list's candidates are split before the whitespace a URL scheme ignores is removed.
      for (const candidate of name === 'srcset' || name === 'ping' ? raw.split(/[,\s]+/) : [raw]) {
        const value = attributeValue(candidate).toLowerCase();
        if (value.startsWith('javascript:') || value.startsWith('vbscript:')) throw fail(`the script URL in ${JSON.stringify(tag[0])}`);
      }
    }
  }
}

/** A short, printable form of an input for violation messages. */
export function shown(text: string, limit = 120): string {
  return JSON.stringify(text.length > limit ? `${text.slice(0, limit)}…` : text);
}
