import iconv from 'iconv-lite';
import { decodeBytes, resolveEncoding, WINDOWS_1252, type Encoding } from './encoding-labels.js';

/**
 * Guessing a legacy charset from the bytes alone, for feeds and pages that declare
 * none or the wrong one: each candidate charset decodes a sample, and the
 * one whose text reads most like natural language wins (see
 * {@link scoreDecoding}). No frequency tables: word shapes, scripts and case.
 */

/** How much of the body the guess reads: enough text to judge, bounded time. */
export const GUESS_SAMPLE_BYTES = 32_768;
/** Score per non-ASCII byte by which another charset must beat the declared one to be preferred. */
const CLEARLY_BETTER = 0.5;
/** A declared charset scoring at least this reads as text and is never second-guessed. */
const PLAUSIBLE_SCORE = 0.25;
/** Non-ASCII bytes needed before a declared legacy charset is second-guessed. */
const MIN_EVIDENCE_BYTES = 16;

/**
 * Charsets a feed that does not say (or says wrongly) is most likely in, in
 * order of preference when two read the bytes equally well. EUC-KR is left
 * out: without frequency tables its text cannot be told from GBK's (GBK reads
 * its Hangul as common Hanzi). A declared EUC-KR is still checked, by its Hangul.
 */
const GUESS_LABELS = ['windows-1252', 'windows-1251', 'windows-1250', 'koi8-r', 'windows-1253', 'gbk', 'shift_jis', 'euc-jp', 'big5'];
/** Resolved on the first guess: resolving loads iconv-lite's codec tables, which a process that never guesses should not pay for at start-up. */
let guessCandidates: readonly Encoding[] | undefined;

/** The candidate charset under which the bytes read most like text (see {@link scoreDecoding}). */
export function guessEncoding(bytes: Buffer): Encoding {
  const sample = bytes.subarray(0, GUESS_SAMPLE_BYTES);
  let best = WINDOWS_1252;
  let bestScore = Number.NEGATIVE_INFINITY;
  guessCandidates ??= GUESS_LABELS.map((label) => resolveEncoding(label)).filter((encoding): encoding is Encoding => encoding !== null);
  for (const candidate of guessCandidates) {
    const score = scoreDecoding(candidate, sample);
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

/** The national script a CJK candidate's text is in: its common characters score as words do. */
type CjkLanguage = 'zh-hans' | 'zh-hant' | 'ja' | 'ko';
const CJK_CANDIDATES: Readonly<Record<string, CjkLanguage>> = { gbk: 'zh-hans', big5: 'zh-hant', shift_jis: 'ja', 'euc-jp': 'ja', 'euc-kr': 'ko' };
/** Punctuation and signs common in running text in every language. */
const COMMON_SIGNS = new Set('\u00a0’‘“”„–—…«»•€£©®°·¡¿§½×\u3000、。「」『』・！？（）：；，'.split(''));
/** Signs that may stand between two letters of a word ("aujourd’hui", "l·l"). */
const INSIDE_WORD_SIGNS = new Set('’·\u00ad'.split(''));
const CASED_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
/**
 * Accented letters frequent in Western and in Central European languages.
 * windows-1252 and windows-1250 agree on most accented letters and differ
 * on these (1250's č ř ě are 1252's è ø ì), so a small bonus for each lets
 * the language decide.
 */
const FREQUENT_ACCENTS = new Set('àâäçéèêëîïôöùûüÿñáíóúßãõåæœąćęłńśźżčďěňřšťůžőű'.split(''));

/**
 * How much `bytes` read like natural text when decoded as `encoding`, per
 * non-ASCII byte. Rewards letters forming words in one script with a
 * normal case pattern (lower, UPPER or Capitalised) and common CJK
 * characters (checked by round-tripping through the national charset:
 * GB2312, Big5 and JIS X 0208 each put their common characters in one
 * block), and penalises replacement characters, control codes, symbols
 * inside words, mixed scripts and the accented-letter soup that text in
 * another script becomes in a Latin charset.
 */
function scoreDecoding(encoding: Encoding, bytes: Buffer): number {
  let nonAsciiBytes = 0;
  for (const byte of bytes) if (byte >= 0x80) nonAsciiBytes += 1;
  if (nonAsciiBytes === 0) return 0;
  const text = decodeBytes(encoding, bytes);
  const language = CJK_CANDIDATES[encoding.name];
  let score = 0;
  for (const chunk of text.split(/[\s<>"=]+/)) {
    if (!/[\u0080-\uffff]/.test(chunk)) continue;
    const chars = [...chunk];
    let word = '';
    chars.forEach((char, index) => {
      if (/[\p{L}\p{M}]/u.test(char)) {
        word += char;
        return;
      }
      score += scoreWord(word, language);
      word = '';
      if (char <= '\x7f') return;
      if (char === '\uFFFD' || char <= '\x9f') score -= 5;
      else if (CASED_LETTER.test(chars[index - 1] ?? '') && CASED_LETTER.test(chars[index + 1] ?? '') && !INSIDE_WORD_SIGNS.has(char)) score -= 2;
      else score += COMMON_SIGNS.has(char) ? 0.5 : -1;
    });
    score += scoreWord(word, language);
  }
  return score / nonAsciiBytes;
}

/** Score of one run of letters: CJK characters one by one, cased-script letters as a word. */
function scoreWord(word: string, language: CjkLanguage | undefined): number {
  if (!/[\u0080-\uffff]/.test(word)) return 0;
  let score = 0;
  let cased = '';
  for (const char of word) {
    if (/\p{Script=Han}/u.test(char)) score += commonHan(char, language) ? 2 : 0.5;
    else if (/[\u3041-\u30ff]/.test(char)) score += language === 'ja' ? 2 : 0;
    else if (/[\uff61-\uff9f]/.test(char)) score -= 1;
    // Hangul syllables are what EUC-KR's two-byte codes are mostly for (KS X 1001's 2,350): read as Korean they are words.
    else if (/\p{Script=Hangul}/u.test(char)) score += language === 'ko' ? 2 : 0;
    else cased += char;
  }
  return score + scoreCasedWord(cased);
}

/** A word in a cased script (Latin, Cyrillic, Greek): one script, a normal case pattern, not mostly accented Latin. */
function scoreCasedWord(word: string): number {
  const letters = [...word];
  const nonAscii = letters.filter((char) => char > '\x7f').length;
  if (nonAscii === 0) return 0;
  const scripts = ['Latin', 'Cyrillic', 'Greek'].filter((script) => new RegExp(`\\p{Script=${script}}`, 'u').test(word));
  if (scripts.length > 1) return -2 * nonAscii;
  const tail = letters.slice(1).join('');
  const normalCase = word === word.toLowerCase() || word === word.toUpperCase() || tail === tail.toLowerCase();
  if (!normalCase) return -nonAscii;
  // Latin-script words are mostly ASCII letters with a few accents; a run of accents is another script misread.
  if (scripts[0] === 'Latin' && letters.length >= 4 && nonAscii * 4 >= letters.length * 3) return -nonAscii;
  return nonAscii + 0.5 * letters.filter((char) => FREQUENT_ACCENTS.has(char.toLowerCase())).length;
}

/** Whether a Han character is in the common block of the national charset the candidate implies. */
function commonHan(char: string, language: CjkLanguage | undefined): boolean {
  if (language === undefined || language === 'ko') return false;
  const encoded = iconv.encode(char, language === 'zh-hans' ? 'gbk' : language === 'zh-hant' ? 'big5' : 'shift_jis');
  if (encoded.length !== 2) return false;
  const lead = encoded[0] as number;
  // GB2312 level 1 (0xB0-0xD7), Big5 frequent characters (0xA4-0xC6), JIS X 0208 level 1 (0x88-0x98 in Shift_JIS).
  if (language === 'zh-hans') return lead >= 0xb0 && lead <= 0xd7;
  if (language === 'zh-hant') return lead >= 0xa4 && lead <= 0xc6;
  return lead >= 0x88 && lead <= 0x98;
}

/**
 * A legacy charset that reads the bytes clearly better than the declared
 * one (windows-1252 declared over windows-1251 text decodes without errors,
 * but into accented-letter soup), or null. Only judged on enough non-ASCII
 * text that a few symbols cannot sway it.
 */
export function betterGuess(declared: Encoding, bytes: Buffer): Encoding | null {
  const sample = bytes.subarray(0, GUESS_SAMPLE_BYTES);
  let nonAscii = 0;
  for (const byte of sample) if (byte >= 0x80) nonAscii += 1;
  if (nonAscii < MIN_EVIDENCE_BYTES) return null;
  const declaredScore = scoreDecoding(declared, sample);
  if (declaredScore >= PLAUSIBLE_SCORE) return null;
  const guess = guessEncoding(bytes);
  return guess.name !== declared.name && scoreDecoding(guess, sample) - declaredScore > CLEARLY_BETTER ? guess : null;
}

/** The first candidate, unless a later one reads the bytes clearly better (by {@link scoreDecoding}). */
export function preferClearlyBetter<Candidate extends { encoding: Encoding }>(candidates: readonly Candidate[], bytes: Buffer): Candidate {
  const first = candidates[0] as Candidate;
  if (candidates.length === 1 || candidates.every((candidate) => candidate.encoding.name === first.encoding.name)) return first;
  const sample = bytes.subarray(0, GUESS_SAMPLE_BYTES);
  const firstScore = scoreDecoding(first.encoding, sample);
  let best = first;
  let bestScore = firstScore;
  for (const candidate of candidates.slice(1)) {
    const score = scoreDecoding(candidate.encoding, sample);
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return bestScore - firstScore > CLEARLY_BETTER ? best : first;
}
