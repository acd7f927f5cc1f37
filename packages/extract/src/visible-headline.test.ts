import { describe, expect, it } from 'vitest';
import { siteNamedByBanner, visibleHeadline, visibleHeadlineAmong } from './visible-headline.js';

const site = { siteName: 'Garden Example', host: 'www.garden-example.org' };
const URL_ = 'https://www.garden-example.org/guides/winter-pruning';

describe('visibleHeadline', () => {
  it('keeps an <h1> that reads as the headline', () => {
    expect(visibleHeadline('Pruning apple trees in winter', [], 'Pruning apple trees | Garden Example', site, URL_)).toBe('Pruning apple trees in winter');
  });

  it('refuses an <h1> that is a declared title plus a dateline or a label, even behind a site suffix', () => {
    expect(visibleHeadline('Dec 18 2025 Preparing a transition in Debusine', [], "Preparing a transition in Debusine | Colin's blog", site, URL_)).toBeNull();
    expect(visibleHeadline('Blog: Pruning apple trees in winter', [], 'Pruning apple trees in winter | Garden Example', site, URL_)).toBeNull();
  });

  it('keeps a subtitle that only contains "by" inside it', () => {
    const h1 = 'House renovation costs in the Bay Area: room-by-room breakdown';
    expect(visibleHeadline(h1, ['House renovation costs in the Bay Area'], null, site, 'https://example.org/renovation')).toBe(h1);
  });

  it('refuses an <h1> whose characters an encoding lost ("?" for "’"), the declared title being the same words intact', () => {
    const title = "What Are The Basics Of Event Planning: Beginner's Guide";
    expect(visibleHeadline('What Are The Basics Of Event Planning? Beginner? Guide', [title], title, site, URL_)).toBeNull();
    // A question is a question: the "?" that ends a headline is its own.
    expect(visibleHeadline('Is winter the time to prune?', ['Is winter the time to prune!'], null, site, URL_)).toBe('Is winter the time to prune?');
    // Another wording around the "?" is another headline.
    expect(visibleHeadline('Prune now? Yes, in winter', ['Prune now: the winter guide'], null, site, URL_)).toBe('Prune now? Yes, in winter');
  });

  it('reads a long run of lost characters (a page of undecodable bytes) in steps, not in combinations', () => {
    // One `.{1,3}` per lost character made a regular expression that tried 3^n ways: 20 of them took minutes.
    const title = 'Sevan Rovers lift the cup after a penalty shootout against Kura United';
    const lost = (count: number): string => '\uFFFD'.repeat(count);
    expect(visibleHeadline(`Sevan Rovers lift th${lost(120)}`, [title], title, site, URL_)).toBe(`Sevan Rovers lift th${lost(120)}`);
    expect(visibleHeadline(`Sevan Rovers lift th${lost(20)}`, [title], title, site, URL_)).toBeNull();
    expect(visibleHeadline(`Sevan Rovers lift the cup after a penalty shootout against Kura ${lost(3)}`, [title], title, site, URL_)).toBeNull();
    expect(visibleHeadline(`Sevan Rovers lift the cup after a penalty shootout against Kura ${lost(7)}`, [title], title, site, URL_)).not.toBeNull();
  });

  it("refuses the site's name taken from the <title>, and a headline in capitals only", () => {
    expect(visibleHeadline('Yoga Pathways', [], 'Yoga will not fix the plumbing – Yoga Pathways', site, URL_)).toBeNull();
    expect(visibleHeadline('BEST DRIP COFFEE MAKER IN 2026', ['Best Drip Coffee Maker 2026: Buying Tips'], null, site, URL_)).toBeNull();
  });

  it('keeps a one-word <h1> only when it begins a part of a declared title', () => {
    expect(visibleHeadline('Science', [], 'Science News: Health, Robotics, Space | WIRED', site, 'https://example.org/category/science/')).toBe('Science');
    expect(visibleHeadline('Technology', [], 'BBC Technology | Technology, Health, AI', site, URL_)).toBe('Technology');
    expect(visibleHeadline('Discord', [], 'How we pwned X, Vercel, Discord and others', site, URL_)).toBeNull();
    expect(visibleHeadline('Menu', [], null, site, URL_)).toBeNull();
  });

  it('ignores a declared title that only names the site', () => {
    const nuts = { siteName: 'Nuts and Volts Magazine', host: 'www.nutsvolts.com' };
    expect(visibleHeadline('Electronic Gadgets', [], '| Nuts & Volts Magazine', nuts, 'https://www.nutsvolts.com/magazine/category/electronic-gadgets')).toBe(
      'Electronic Gadgets',
    );
  });

  it('gives way to a declared title that the URL slug spells out far better', () => {
    const url = 'https://law.example.com/articles/how-to-start-an-llc-in-new-york';
    expect(visibleHeadline('Form your company for New York today', ['How to Start an LLC in New York'], null, site, url)).toBeNull();
    expect(visibleHeadline('Form your company for New York today', ['How to Start an LLC in New York'], null, site, URL_)).toBe('Form your company for New York today');
  });

  it('keeps an <h1> that a declared title repeats, whatever the slug', () => {
    const url = 'https://www.example.com/fitness/amp-fitness-review-49401320';
    const h1 = 'I Tried Amp, and It May Replace My Gym';
    expect(visibleHeadline(h1, ['Amp AI Fitness Machine Review', h1], null, site, url)).toBe(h1);
    expect(visibleHeadline(h1, ['Amp AI Fitness Machine Review'], null, site, url)).toBeNull();
  });
});

describe('visibleHeadlineAmong', () => {
  const declared = ['Defer, Panic, and Recover - The Go Programming Language'];
  const goSite = { siteName: null, host: 'go.dev' };
  const url = 'https://go.dev/blog/defer-panic-and-recover';

  it("takes a later <h1> that begins a declared title when the first is the site's banner", () => {
    expect(visibleHeadlineAmong('The Go Blog', ['Defer, Panic, and Recover'], declared, null, goSite, url)).toBe('Defer, Panic, and Recover');
    expect(visibleHeadlineAmong('The Go Blog', [], declared, null, goSite, url)).toBeNull();
  });

  it('prefers it to a first <h1> that shares words with the title but does not begin it', () => {
    const titleTag = 'The Fold-and-Cut Problem (Erik Demaine)';
    const demaine = { siteName: null, host: 'erikdemaine.org' };
    expect(visibleHeadlineAmong("Erik Demaine's Folding and Unfolding:", ['The Fold-and-Cut Problem'], [], titleTag, demaine, 'https://erikdemaine.org/foldcut')).toBe(
      'The Fold-and-Cut Problem',
    );
    // A later <h1> that begins no declared title changes nothing.
    expect(visibleHeadlineAmong("Erik Demaine's Folding and Unfolding:", ['Related problems'], [], titleTag, demaine, 'https://erikdemaine.org/foldcut')).toBe(
      "Erik Demaine's Folding and Unfolding:",
    );
  });
});

describe('visibleHeadlineAmong, without a first <h1>', () => {
  it('reads the next <h1> with text as the first one when the first has none (a logo)', () => {
    const site = { siteName: null, host: 'www.example-dashcams.com' };
    const titleTag = 'Buy 4K Ultra HD Dash Cams | Best BlackVue, Thinkware & VIOFO';
    expect(visibleHeadlineAmong(null, ['4K Ultra HD Dashcams'], [], titleTag, site, 'https://www.example-dashcams.com/4k-dashcams/')).toBe('4K Ultra HD Dashcams');
    // It is still read as any first <h1> is: one that shares no word with the declared title is no headline.
    expect(visibleHeadlineAmong(null, ['Free shipping'], [], titleTag, site, 'https://www.example-dashcams.com/4k-dashcams/')).toBeNull();
  });
});

describe('siteNamedByBanner', () => {
  const rust = { siteName: null, host: 'doc.rust-lang.org' };
  const titleTag = 'Defining Shared Behavior with Traits - The Rust Programming Language';

  it("adds an <h1> that is the <title>'s last, shorter part as a name of the site", () => {
    expect(siteNamedByBanner(rust, ['The Rust Programming Language'], titleTag).otherNames).toEqual(['The Rust Programming Language']);
  });

  it('adds nothing when no <h1> is that part', () => {
    expect(siteNamedByBanner(rust, ['Defining Shared Behavior with Traits', null], titleTag)).toBe(rust);
    expect(siteNamedByBanner(rust, ['The Rust Programming Language'], null)).toBe(rust);
  });
});
