/**
 * Text encoded in UTF-8 twice: a page whose UTF-8 bytes were once read as
 * Windows-1252 (or Latin-1) and saved again in UTF-8 prints "donâ€™t" for
 * "don’t" and "cafÃ©" for "café". The page declares UTF-8 and decodes
 * cleanly, so only the text shows it. Each such run is the bytes of one
 * character read one byte a character: mapped back to bytes and decoded
 * again, it gives the character the writer typed. One repair serves the
 * title (`repairMojibake`) and the body (`repairDoubleEncoding`).
 */

/** The characters Windows-1252 gives bytes 0x80-0x9F (Latin-1 gives them as C1 controls, which map to themselves). */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const BYTE_OF = new Map<string, number>([...WINDOWS_1252_HIGH].map((char, index) => [char, 0x80 + index]));
const CONTINUATION = `[\\u0080-\\u00BF${WINDOWS_1252_HIGH}]`;

/**
 * One character so garbled: a lead byte read as "Â"-"É" and one
 * continuation (U+0080-U+027F: accented Latin letters, symbols, no-break
 * space), or "â" and two (U+2000-U+2FFF: quotes, dashes, ellipses, arrows,
 * €, ™). Other leads would decode to scripts that are never mistaken so (a
 * German "ß“" is "ß" and a closing quote, not U+07D3).
 */
const GARBLED = new RegExp(`[\\u00C2-\\u00C9]${CONTINUATION}|\\u00E2${CONTINUATION}{2}`, 'g');
/** A C1 control character: real text never holds one, a Latin-1 reading of UTF-8 does. */
const C1_CONTROL = /[\u0080-\u009F]/;
/**
 * A character of any script so garbled (a lead "Â"-"ô", then continuations)
 * whose run holds a C1 control: it proves itself, whatever else the text
 * holds ("å\x9b½" for "国", "ð\x9f\x98\x80" for an emoji).
 */
const PROVEN = /[\u00C2-\u00F4](?=[\u0080-\u00BF]*[\u0080-\u009F])[\u0080-\u00BF]{1,3}/g;
/** Without a C1 control, a text garbled so shows it several times; a lone match is more likely real text ("Ä“" quoted, "Â¿Qué?"). */
const MIN_GARBLED = 3;

const decoder = new TextDecoder('utf-8', { fatal: true });

function byteOf(char: string): number {
  return BYTE_OF.get(char) ?? char.charCodeAt(0);
}

function repaired(run: string): string {
  try {
    return decoder.decode(Uint8Array.from([...run].map(byteOf)));
  } catch {
    return run;
  }
}

/** True when `text` shows that it was encoded twice: a garbled run with a C1 control, or MIN_GARBLED garbled runs. */
function isDoubleEncoded(text: string): boolean {
  const runs = text.match(GARBLED) ?? [];
  return runs.length >= MIN_GARBLED || runs.some((run) => C1_CONTROL.test(run));
}

/** `text` with the runs that prove themselves repaired, and every garbled run too when `proven` (the whole text shows it). */
function repairRuns(text: string, proven: boolean): string {
  const repairedProven = text.replace(PROVEN, repaired);
  return proven ? repairedProven.replace(GARBLED, repaired) : repairedProven;
}

/** `text` with its garbled characters repaired where it shows it was encoded twice; otherwise as it is. */
export function repairMojibake(text: string): string {
  return repairRuns(text, isDoubleEncoded(text));
}

/** Repairs the text nodes under `root` where their text, read as a whole, shows it was encoded twice. */
export function repairDoubleEncoding(root: Element): void {
  const whole = root.textContent ?? '';
  const proven = isDoubleEncoded(whole);
  if (!proven && !C1_CONTROL.test(whole)) return;
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    const fixed = repairRuns(value, proven);
    if (fixed !== value) node.nodeValue = fixed;
  }
}
