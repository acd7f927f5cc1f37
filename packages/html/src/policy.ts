/**
 * What the sanitiser keeps, written as plain lists by the package that owns
 * the HTML (the feed's summaries, an article's body) and turned once, at
 * load, into the lookup sets the walker reads on every tag.
 */
export interface PolicyDefinition {
  /** Tags written out. Any other tag is left out and its content kept, but for `droppedWithContent`. */
  tags: readonly string[];
  /** Attributes kept per tag (the tag's name after `renames`); a tag not listed keeps none. */
  attributes?: Readonly<Record<string, readonly string[]>>;
  /** Tags left out together with everything inside them (scripts, styles, form controls...). */
  droppedWithContent?: readonly string[];
  /** Tags written under another name (`h1` -> `h2`); the new name is the one the lists above are read with. */
  renames?: Readonly<Record<string, string>>;
  /** Attributes that mean something without a value (`controls`): written bare when empty. */
  booleanAttributes?: readonly string[];
  /** Attributes written as `name=""` when empty (`alt=""`: a decorative image). Any other empty attribute goes. */
  keptEmpty?: readonly string[];
  /** Attributes whose value is trimmed first (an empty result then goes like any empty value). */
  trimmed?: readonly string[];
  /** The URL schemes a link or source may have, lower case (`http`, `mailto`...). */
  schemes: readonly string[];
  /**
   * What becomes of a URL that cannot be made absolute (no base given, or a
   * value the URL parser rejects): `keep` writes it as it is, judged by its
   * scheme alone (a relative URL stays relative); `drop` removes it, so every
   * URL written is absolute.
   */
  unresolvedUrls: 'keep' | 'drop';
  /** Whether an `xml:base` attribute (XHTML in Atom) sets the base inside its element. */
  xmlBase?: boolean;
  /**
   * Where an `<img>`'s address may be, in order: lazy-loading scripts keep
   * the real one in `data-src` and the like. When given, the first of these
   * holding a usable URL becomes the image's `src`, written first. When not,
   * `src` is an attribute like any other.
   */
  imageSources?: readonly string[];
  /**
   * An element left without this attribute is unwrapped: written without its
   * tags, its content kept (`a` -> `href`: a link to nowhere is text; `img`
   * -> `src`: an image without a source is nothing).
   */
  required?: Readonly<Record<string, string>>;
  /** Whether `<img width="1" height="1">` (a tracking pixel) goes. */
  dropTrackingPixels?: boolean;
}

/** A policy ready for the walker: {@link definePolicy}'s result. */
export interface SanitisePolicy {
  readonly tags: ReadonlySet<string>;
  readonly attributes: ReadonlyMap<string, ReadonlySet<string>>;
  readonly droppedWithContent: ReadonlySet<string>;
  readonly renames: ReadonlyMap<string, string>;
  readonly booleanAttributes: ReadonlySet<string>;
  readonly keptEmpty: ReadonlySet<string>;
  readonly trimmed: ReadonlySet<string>;
  readonly schemes: ReadonlySet<string>;
  readonly keepUnresolvedUrls: boolean;
  readonly xmlBase: boolean;
  readonly imageSources: readonly string[] | null;
  readonly required: ReadonlyMap<string, string>;
  readonly dropTrackingPixels: boolean;
}

/** Builds the policy's lookup sets; call it once, at module load, not per document. */
export function definePolicy(definition: PolicyDefinition): SanitisePolicy {
  return {
    tags: new Set(definition.tags),
    attributes: new Map(Object.entries(definition.attributes ?? {}).map(([tag, names]) => [tag, new Set(names)])),
    droppedWithContent: new Set(definition.droppedWithContent),
    renames: new Map(Object.entries(definition.renames ?? {})),
    booleanAttributes: new Set(definition.booleanAttributes),
    keptEmpty: new Set(definition.keptEmpty),
    trimmed: new Set(definition.trimmed),
    schemes: new Set(definition.schemes.map((scheme) => scheme.toLowerCase())),
    keepUnresolvedUrls: definition.unresolvedUrls === 'keep',
    xmlBase: definition.xmlBase ?? false,
    imageSources: definition.imageSources ?? null,
    required: new Map(Object.entries(definition.required ?? {})),
    dropTrackingPixels: definition.dropTrackingPixels ?? false,
  };
}
