/** A Content-Type header split into the parts Tidings uses. */
export interface ParsedContentType {
  /** Mime type, lower-case, without parameters (e.g. 'text/html'), or null when absent. */
  mimeType: string | null;
  /** The charset parameter as sent (unquoted, not yet resolved), or null. */
  charset: string | null;
}

/**
 * Splits `text/html; charset="ISO-8859-1"` into mime type and charset.
 * Lenient on purpose: servers send odd spacing, quoting and parameter order,
 * and a malformed parameter should cost us the charset, not the whole fetch.
 */
export function parseContentType(header: string | null | undefined): ParsedContentType {
  if (!header) return { mimeType: null, charset: null };
  const [type = '', ...params] = header.split(';');
  const mimeType = type.trim().toLowerCase() || null;
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq === -1) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    // The first charset parameter wins, as in the WHATWG MIME sniffing rules.
    if (value) {
      charset = value;
      break;
    }
  }
  return { mimeType, charset };
}
