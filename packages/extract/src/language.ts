import { createRequire } from 'node:module';

type DetectAll = (text: string) => Array<{ lang: string; accuracy: number }>;
let detectAll: DetectAll | undefined;
/**
 * tinyld's n-gram tables take longer to load than a whole extraction (about
 * 0.3 s of CPU), and most pages declare their language: load it on first use.
 */
function detector(): DetectAll {
  const require = createRequire(import.meta.url);
  detectAll ??= (require('tinyld') as { detectAll: DetectAll }).detectAll;
  return detectAll;
}

/** Shorter text than this says too little about its language to name it. */
const MIN_CHARS = 40;
/** The first characters are enough to tell the language, and detection cost grows with length. */
const SAMPLE_CHARS = 800;
/** Below this score tinyld is guessing between neighbours (pt/es/gl, no/da). */
const MIN_ACCURACY = 0.05;

/**
 * The language of a text as an ISO 639-1 code ("en", "pt", "ja"), detected
 * from character n-grams (tinyld), or null when the text is too short or the
 * detector is unsure. Only used when the page declares no language.
 */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (sample.replace(/[^\p{L}]/gu, '').length < MIN_CHARS) return null;
  const [best] = detector()(sample);
  return best && best.accuracy >= MIN_ACCURACY && /^[a-z]{2,3}$/.test(best.lang) ? best.lang : null;
}
