/**
 * The record's authors from every source a page offers: the declared ones,
 * the bylines printed by the headline, the links to authors' pages,
 * Readability's byline and the feed item (record-fields.ts gathers them).
 */
import { NOT_AUTHOR_LEAD, pickAuthors, readNames } from './authors.js';
import { opensByline } from './content/phrases.js';
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
 * first that names anyone (a user name such as "whova", a team "the Lavazza
 * Team"; not a sentence's start, "by placing more information where it").
 * A printed "By" line beats a weak declaration that names none of its
 * people: a classic <meta name=author> when no JSON-LD or OpenGraph author
 * is declared (the CMS account that uploaded the post), or a declared login
 * of one word ("KatieS") wherever declared. A declared single
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
    // A user name in lower case ("by whova") or a team ("by the Lavazza Team"), not a sentence's start ("by placing more...").
    doc.bylines.find((line) => {
      const names = readNames(line, {});
      return names.length > 0 && names.every((name) => name.split(/\s+/).every((word, index) => index === 0 || /^\p{Lu}/u.test(word)));
    });
  const printedNames = printedLine ? withoutGluedTitles(printedLine, [...doc.authorLinks, ...doc.bylines]) : [];
  // A "By" line the reader sees beats a declared author it does not name when that declaration is weak: a
  // classic <meta name=author> with nothing more structured beside it, or a login ("KatieS") wherever declared.
  const structured = [...ldAuthors.map((author) => author.name), ...og.authors].filter((name) => readNames(name, {}).length > 0);
  const weak = structured.length === 0 ? meta.authors : structured.every(isLogin) ? [...structured, ...meta.authors, ...md.authors] : [];
  const printedFirst = printedLine !== undefined && printedOverDeclared(printedLine, weak, notAuthors);
  const sources: [FieldSource, readonly string[]][] = [
    ...(printedFirst ? [['markup', printedNames] as [FieldSource, readonly string[]]] : []),
    ['json-ld', (jsonLd.article?.authors ?? []).map((author) => author.name)],
    ['json-ld', (jsonLd.page?.authors ?? []).map((author) => author.name)],
    ['opengraph', og.authors],
    ['meta', meta.authors],
    ['microdata', md.authors],
    ['markup', printedNames],
    ['markup', doc.authorLinks],
    ['readability', readability?.byline ? [readability.byline] : []],
    ['feed-item', item?.authors ?? []],
  ];
  const chosen = pickAuthors(sources.map(([, names]) => names), [...siteNames, ...organisations]);
  const coAuthored = printedLine ? withCoAuthors(chosen.names, printedLine, notAuthors) : null;
  if (coAuthored) return { authors: coAuthored, source: 'markup' };
  const writers = withoutOtherCredits(chosen.names, doc.bylines);
  if (writers.length < chosen.names.length) return { authors: writers, source: sources[chosen.index]?.[0] ?? null };
  // An author box after the article speaks only where no source names anyone, not even the site (a company blog).
  const bio = chosen.index < 0 ? pickAuthors([doc.authorBio], [...siteNames, ...organisations]) : null;
  if (bio && bio.names.length > 0) return { authors: bio.names, source: 'markup' };
  // Failing that, a line crediting the writer far from the headline ("Posted by Jane Doe at 11:15 AM" under the post).
  const labelled = chosen.index < 0 ? doc.labelledBylines.filter((line) => readNames(line, { printed: true }).length > 0) : [];
  const credited = labelled.length > 0 ? pickAuthors([labelled], [...siteNames, ...organisations]) : null;
  if (credited && credited.names.length > 0) return { authors: credited.names, source: 'markup' };
  return { authors: chosen.names, source: chosen.index >= 0 ? (sources[chosen.index]?.[0] ?? null) : null };
}

/**
 * True when a printed "By" line names people, every one capitalised like a
 * name, and none of them is a name the
 * declaration gives (nor a name containing one, or contained in one): the
 * two disagree, and the line is what the reader is shown.
 */
function printedOverDeclared(line: string, declaredAuthors: readonly string[], notAuthors: ReadonlySet<string>): boolean {
  if (declaredAuthors.length === 0 || !opensByline(line)) return false;
  const names = readNames(line, { printed: true });
  // Every name capitalised like one: "by CNET, TrustPilot and multiple national recruiting firms." is a sentence's end.
  if (names.length === 0 || names.length !== readNames(line, {}).length) return false;
  const printed = names.map(comparisonKey).filter((key) => key !== '' && !notAuthors.has(key));
  if (printed.length === 0) return false;
  const declared = declaredAuthors.flatMap((raw) => [comparisonKey(raw), ...readNames(raw, { lenient: true }).map(comparisonKey)]).filter((key) => key !== '');
  return !printed.some((name) => declared.some((key) => key.includes(name) || name.includes(key)));
}

/**
 * The chosen authors less those the page prints only under another credit:
 * declared "Emma Ryan, Oliver Simpson" where the page prints "Written by
 * Emma Ryan" and "Researched by Oliver Simpson" (a reviewer, an editor, a
 * researcher is declared beside the writer by some templates). Someone is
 * always left.
 */
function withoutOtherCredits(authors: readonly string[], bylines: readonly string[]): string[] {
  if (authors.length < 2) return [...authors];
  const other = new Set<string>();
  const writing = new Set<string>();
  for (const line of bylines) {
    if (NOT_AUTHOR_LEAD.test(line)) for (const name of readNames(line.replace(NOT_AUTHOR_LEAD, ''), { printed: true })) other.add(comparisonKey(name));
    else for (const name of readNames(line, { printed: true })) writing.add(comparisonKey(name));
  }
  // Printed under both ("Written by Jane Doe, CEPF®", "Edited by John Roe, CEPF®"): still the writer's.
  const writers = authors.filter((name) => !other.has(comparisonKey(name)) || writing.has(comparisonKey(name)));
  return writers.length > 0 ? writers : [...authors];
}

/** A CMS login rather than a name as printed: one word ("KatieS", "jdoe"). */
function isLogin(name: string): boolean {
  return !/\s/.test(name.trim());
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
