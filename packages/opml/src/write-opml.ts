/** A subscription to write out. */
export interface OpmlEntry {
  url: string;
  title: string | null;
  tags: string[];
}

/**
 * Writes an OPML 2.0 subscription list that feed readers import: each feed
 * inside a folder named by its first tag (feeds without tags at the top),
 * its other tags in `category`, so {@link parseOpml} gives back the same
 * tags in the same order. Folders and feeds keep the order given.
 */
export function writeOpml(entries: OpmlEntry[], options: { title?: string; now?: Date } = {}): string {
  const folders = new Map<string, OpmlEntry[]>();
  const loose: OpmlEntry[] = [];
  for (const entry of entries) {
    const folder = entry.tags[0];
    if (folder === undefined) loose.push(entry);
    else folders.set(folder, [...(folders.get(folder) ?? []), entry]);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(options.title ?? 'Tidings subscriptions')}</title>`,
    `    <dateCreated>${(options.now ?? new Date()).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
  ];
  for (const [folder, members] of folders) {
    lines.push(`    <outline text="${escapeXml(folder)}" title="${escapeXml(folder)}">`);
    for (const entry of members) lines.push(`      ${feedOutline(entry, entry.tags.slice(1))}`);
    lines.push('    </outline>');
  }
  for (const entry of loose) lines.push(`    ${feedOutline(entry, [])}`);
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

function feedOutline(entry: OpmlEntry, categories: string[]): string {
  const name = entry.title ?? entry.url;
  // A comma would split a tag in two on the way back in; tags with one are written without it.
  const category = categories.map((tag) => tag.replaceAll(',', ' ')).join(',');
  const attributes = [
    ['type', 'rss'],
    ['text', name],
    ['title', name],
    ['xmlUrl', entry.url],
    ...(category ? [['category', category]] : []),
  ];
  return `<outline ${attributes.map(([key, value]) => `${key}="${escapeXml(value!)}"`).join(' ')}/>`;
}

/** Drops the characters XML 1.0 cannot carry at all (C0 controls other than tab, newline, return). */
function xmlCharactersOnly(value: string): string {
  return [...value].filter((char) => char >= ' ' || char === '\t' || char === '\n' || char === '\r').join('');
}

function escapeXml(value: string): string {
  return xmlCharactersOnly(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}
