/**
 * NUL and the other C0 control characters (tab, line feed and carriage
 * return aside) and DEL: never meaningful in a title, a name, a query or a
 * URL, and PostgreSQL text cannot hold NUL at all.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Every control character of `text`, for removing them (see above). */
export const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

/** True when `text` holds a control character (see above). */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}
