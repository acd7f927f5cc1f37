import { looksLikeUrl } from './metadata/index.js';
import { cleanText } from './strings.js';

/**
 * The site's name: the first non-empty candidate, in the caller's order of
 * trust (og:site_name, JSON-LD publisher, application-name...). Null when
 * the page names no site: a guess from the host would be wrong too often.
 * A URL in og:site_name is not a name and is skipped.
 */
export function chooseSiteName(candidates: readonly (string | null | undefined)[]): string | null {
  for (const candidate of candidates) {
    const name = cleanText(candidate);
    if (name && !looksLikeUrl(name)) return name;
  }
  return null;
}

/** A language tag as pages write it: "en", "en-GB", "en_gb", "pt-BR"; script and region subtags allowed. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;

/**
 * The article's language as declared, lower-cased with "-" separators
 * ("en", "en-gb"), from the first candidate that is a plausible BCP 47 tag.
 * "x-default", "und" and free text are refused. A list ("en, fr") yields its
 * first entry.
 */
export function chooseLanguage(candidates: readonly (string | null | undefined)[]): string | null {
  for (const candidate of candidates) {
    const first = cleanText(candidate)?.split(/[,;\s]/)[0]?.toLowerCase().replace(/_/g, '-');
    if (first && LANGUAGE_TAG.test(first) && !first.startsWith('x-') && first !== 'und') return first;
  }
  return null;
}
