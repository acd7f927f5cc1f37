/**
 * How long a text would run written in a Latin-script language, in
 * characters: the unit of the thresholds that ask whether there is enough
 * text (an article's minimum, a prose paragraph, a forum post). Chinese says
 * in one Han character about what English says in three (the same text
 * translated runs about a third as many characters), and Japanese kana and
 * Korean Hangul syllables about two each; with plain character counts a
 * short Chinese news story fell below the article minimum that its English
 * translation passes easily.
 */
export function proseLength(text: string): number {
  if (!hasDenseScript(text)) return text.length;
  let extra = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < KANA_FIRST) continue;
    if ((unit >= HAN_FIRST && unit <= HAN_LAST) || (unit >= HAN_COMPATIBILITY_FIRST && unit <= HAN_COMPATIBILITY_LAST)) extra += HAN_WEIGHT - 1;
    else if (unit <= KANA_LAST || (unit >= HANGUL_FIRST && unit <= HANGUL_LAST)) extra += SYLLABLE_WEIGHT - 1;
  }
  return text.length + extra;
}

/** Latin characters a Han character stands for. */
const HAN_WEIGHT = 3;
/** Latin characters a kana or a Hangul syllable stands for. */
const SYLLABLE_WEIGHT = 2;
/** Hiragana and Katakana. */
const KANA_FIRST = 0x3040;
const KANA_LAST = 0x30ff;
/** CJK Unified Ideographs with Extension A (characters beyond U+FFFF count by their two code units, as they always did). */
const HAN_FIRST = 0x3400;
const HAN_LAST = 0x9fff;
const HAN_COMPATIBILITY_FIRST = 0xf900;
const HAN_COMPATIBILITY_LAST = 0xfaff;
/** Precomposed Hangul syllables. */
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** Any character weighed above one: most texts have none and are measured by their length alone. */
const DENSE_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]/;

/** Whether `text` holds a character proseLength weighs above one (Han, kana, Hangul). */
export function hasDenseScript(text: string): boolean {
  return DENSE_SCRIPT.test(text);
}
