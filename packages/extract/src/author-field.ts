/**
 * The record's authors from every source a page offers: the declared ones,
 * the bylines printed by the headline, the links to authors' pages,
 * Readability's byline and the feed item (record-fields.ts gathers them).
 */
import { pickAuthors, readNames } from './authors.js';
import type { FieldSource } from './field-sources.js';
import type { FieldInputs } from './record-fields.js';
import { comparisonKey } from './strings.js';

/**
 * The authors: the first source that names anyone (authors.ts). An
 * organisation that JSON-LD names as the author counts like the site's own
 * name: only when no source names a person (templates fill in the company).
 * Of the bylines printed by the headline, the first whose names are
 * capitalised like names ("Liza Burke" rather than "Insights from") and
 * that credits someone besides the site (not a logo's caption), else the
 * first that names anyone (a user name such as "whova"). A declared single
 * author whom the printed byline lists with co-authors gives way to the list.
 */
export function chooseAuthorField(inputs: FieldInputs, siteNames: readonly (string | null)[]): { authors: string[]; source: FieldSource | null } {
  const { metadata, readability, item } = inputs;
  const { jsonLd, openGraph: og, meta, microdata: md, document: doc } = metadata;
  const ldAuthors = [...(jsonLd.article?.authors ?? []), ...(jsonLd.page?.authors ?? [])];
  const organisations = ldAuthors.filter((author) => author.isOrganisation).map((author) => author.name);
  // Each printed line is a separate credit (the writer's, a reviewer's, a bio box's): one of them, not one
  // that names only the site or its company without crediting it ("Corti" under a logo, unlike "By Corti").
  const notAuthors = new Set([...siteNames, ...organisations].flatMap((name) => (name ? [comparisonKey(name)] : [])));
  const credits = (line: string): boolean => /\bby\b/i.test(line) || readNames(line, { printed: true }).some((name) => !notAuthors.has(comparisonKey(name)));
  const printedLine =
    doc.bylines.find((line) => readNames(line, { printed: true }).length > 0 && credits(line)) ??
    doc.bylines.find((line) => readNames(line, { printed: true }).length > 0) ??
    doc.bylines.find((line) => readNames(line, {}).length > 0);
  const sources: [FieldSource, readonly string[]][] = [
    ['json-ld', (jsonLd.article?.authors ?? []).map((author) => author.name)],
    ['json-ld', (jsonLd.page?.authors ?? []).map((author) => author.name)],
    ['opengraph', og.authors],
    ['meta', meta.authors],
    ['microdata', md.authors],
    ['markup', printedLine ? withoutGluedTitles(printedLine, [...doc.authorLinks, ...doc.bylines]) : []],
    ['markup', doc.authorLinks],
    ['readability', readability?.byline ? [readability.byline] : []],
    ['feed-item', item?.authors ?? []],
  ];
  const chosen = pickAuthors(sources.map(([, names]) => names), [...siteNames, ...organisations]);
  const coAuthored = printedLine ? withCoAuthors(chosen.names, printedLine, notAuthors) : null;
  if (coAuthored) return { authors: coAuthored, source: 'markup' };
  // An author box after the article speaks only where no source names anyone, not even the site (a company blog).
  const bio = chosen.index < 0 ? pickAuthors([doc.authorBio], [...siteNames, ...organisations]) : null;
  if (bio && bio.names.length > 0) return { authors: bio.names, source: 'markup' };
  return { authors: chosen.names, source: chosen.index >= 0 ? (sources[chosen.index]?.[0] ?? null) : null };
}

/**
 * The printed byline's names when the declared author is one of them: many
 * templates declare the first author only ("Written by Dr Jane Doe, John Roe
 * and Ann Poe", declared "Jane Doe"). Only a list reads as co-authors: names
 * joined by "and" or three names or more; one name after a comma is as often
 * the writer's employer ("Jane Doe, Example Farms"). Null when the byline
 * adds nobody.
 */
function withCoAuthors(declared: readonly string[], line: string, notAuthors: ReadonlySet<string>): string[] | null {
  const key = comparisonKey(declared[0] ?? '');
  if (declared.length !== 1 || key === '') return null;
  const printed = readNames(line, { printed: true }).filter((name) => !notAuthors.has(comparisonKey(name)));
  const joined = (name: string): boolean => [`and ${name}`, `& ${name}`].some((join) => line.toLowerCase().includes(join.toLowerCase()));
  const listed = printed.length >= 3 || (printed.length === 2 && joined(printed[1] ?? ''));
  const matches = printed.filter((name) => comparisonKey(name).endsWith(key)).length;
  return listed && matches === 1 ? printed : null;
}

/**
 * A printed name with a job title or a second name glued to it ("Celeste
 * Longacre Gardener", "Emily WalkerCasey McDevitt") when the page also
 * spells the name alone, in a link to the author's page or a line of its
 * own: the name alone is the author.
 */
function withoutGluedTitles(line: string, spellings: readonly string[]): string[] {
  const alone = spellings.filter((spelling) => spelling.split(/\s+/).length >= 2 && readNames(spelling, { printed: true })[0] === spelling);
  const names = readNames(line, {});
  const trimmed = names.map((name) => alone.find((spelling) => name.length > spelling.length && name.startsWith(spelling)) ?? name);
  // Unchanged, the line itself stays: the last resort reads it more leniently.
  if (trimmed.every((name, index) => name === names[index])) return [line];
  // The rest of a glued title is no name either ("Celeste Longacre Gardener & Astrologer").
  return trimmed.filter((name, index) => name !== names[index] || alone.includes(name));
}
