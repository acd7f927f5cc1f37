import { describe, expect, it } from 'vitest';
import { chooseTitle, namesSite, siteOnlyTitle, stripPipeLabels, stripSiteSuffix } from './title.js';

const site = { siteName: 'Example News', host: 'www.example-news.com' };

describe('stripSiteSuffix', () => {
  it('strips " | Site", " - Site", " — Site" and " – Site" when the part names the site', () => {
    expect(stripSiteSuffix('Headline here | Example News', site)).toBe('Headline here');
    expect(stripSiteSuffix('Headline here - Example News', site)).toBe('Headline here');
    expect(stripSiteSuffix('Headline here — Example News', site)).toBe('Headline here');
    expect(stripSiteSuffix('Headline here – example-news.com', site)).toBe('Headline here');
  });

  it('strips the suffixes Chinese, Japanese and Korean titles write: "_", "｜" and "丨" without spaces, "‹" between sections', () => {
    expect(stripSiteSuffix('本市将新建三座公园_南方晨报', { siteName: '南方晨报', host: 'nanfang.example' })).toBe('本市将新建三座公园');
    expect(stripSiteSuffix('新しい公園が来年開園｜東京日報', { siteName: '東京日報', host: 'tokyo.example' })).toBe('新しい公園が来年開園');
    expect(stripSiteSuffix('本市将新建三座公园丨南方晨报', { siteName: '南方晨报', host: 'nanfang.example' })).toBe('本市将新建三座公园');
    // An underscore in a Latin title is left alone unless what follows it is the site.
    expect(stripSiteSuffix('Reading snake_case names', site)).toBe('Reading snake_case names');
    expect(chooseTitle(['새 공원 3곳 내년 개장 ‹ 사회 ‹ 기사본문 - 한빛일보', '새 공원 3곳 내년 개장'], { siteName: '한빛일보', host: 'hanbit.example' })).toBe('새 공원 3곳 내년 개장');
  });

  it('strips a "Site | " prefix', () => {
    expect(stripSiteSuffix('Example News | Headline here', site)).toBe('Headline here');
  });

  it('recognises the site from the host when no name is declared', () => {
    const bbc = { siteName: null, host: 'www.bbc.co.uk' };
    expect(stripSiteSuffix('Sweden drops Assange investigation - BBC News', bbc)).toBe('Sweden drops Assange investigation');
    expect(stripSiteSuffix('Stadia falls short | ExampleNews', { siteName: null, host: 'example-news.com' })).toBe('Stadia falls short');
  });

  it('strips the page\'s own host written before the headline without a separator', () => {
    const blog = { siteName: null, host: 'davidbau.com' };
    expect(stripSiteSuffix('davidbau.com Vibe Coding', blog)).toBe('Vibe Coding');
    expect(stripSiteSuffix('www.davidbau.com Vibe Coding', blog)).toBe('Vibe Coding');
    // At the end it is part of the sentence; another site's host, and a host with a single word beside it, stay.
    expect(stripSiteSuffix('Welcome to davidbau.com', blog)).toBe('Welcome to davidbau.com');
    expect(stripSiteSuffix('Amazon.com reports record sales', blog)).toBe('Amazon.com reports record sales');
    expect(stripSiteSuffix('davidbau.com Archives', blog)).toBe('davidbau.com Archives');
  });

  it('keeps parts that do not name the site', () => {
    expect(stripSiteSuffix('Brexit: what happens next', site)).toBe('Brexit: what happens next');
    expect(stripSiteSuffix('Q&A - the facts about night buses', site)).toBe('Q&A - the facts about night buses');
    expect(stripSiteSuffix('Opinion | Republicans are following Trump', site)).toBe('Opinion | Republicans are following Trump');
  });

  it('drops a separator left in front of the site name by an empty headline', () => {
    expect(stripSiteSuffix('| Nuts & Volts Magazine', { siteName: 'Nuts and Volts Magazine', host: 'www.nutsvolts.com' })).toBe('Nuts & Volts Magazine');
  });

  it('strips a name the page gives the site besides og:site_name', () => {
    const rust = { siteName: null, host: 'doc.rust-lang.org', otherNames: ['The Rust Programming Language'] };
    expect(stripSiteSuffix('Defining Shared Behavior with Traits - The Rust Programming Language', rust)).toBe('Defining Shared Behavior with Traits');
    expect(stripSiteSuffix('Defining Shared Behavior with Traits - The Rust Programming Language', { siteName: null, host: 'doc.rust-lang.org' })).toBe(
      'Defining Shared Behavior with Traits - The Rust Programming Language',
    );
  });

  it('only strips the last part, keeping a section', () => {
    expect(stripSiteSuffix('Headline | World | Example News', site)).toBe('Headline | World');
  });
});

describe('stripPipeLabels', () => {
  it('cuts short labels behind pipes after a headline', () => {
    expect(stripPipeLabels('How meditation rewires brains | Opinion')).toBe('How meditation rewires brains');
    expect(stripPipeLabels('How to help babies sleep | Patient Education | Children’s Hospital')).toBe('How to help babies sleep');
  });

  it('keeps a label before the headline, a short title and a long second half', () => {
    expect(stripPipeLabels('Opinion | Republicans are following Trump')).toBe('Opinion | Republicans are following Trump');
    expect(stripPipeLabels('Rust | Tutorial')).toBe('Rust | Tutorial');
    expect(stripPipeLabels('Top cameras of 2025 | The best mirrorless cameras on the market')).toBe('Top cameras of 2025 | The best mirrorless cameras on the market');
  });
});

describe('chooseTitle', () => {
  it('reads what a title adds to a text given only as a reference (an <h1> refused as the headline), never choosing that text', () => {
    const title = 'Affordable New Jersey Movers | Economical Low-Cost Moving Company in NJ';
    expect(chooseTitle([title], site, null, ['Affordable New Jersey Movers'])).toBe('Affordable New Jersey Movers');
    expect(chooseTitle([title], site)).toBe(title);
    expect(chooseTitle([], site, null, ['Affordable New Jersey Movers'])).toBeNull();
  });

  it('takes the first clean candidate (JSON-LD headline, og:title) over the <title>', () => {
    expect(chooseTitle(['Headline', 'Headline | Example News'], site)).toBe('Headline');
    expect(chooseTitle([null, undefined, '  ', 'Headline | Example News'], site)).toBe('Headline');
  });

  it('uses a clean candidate to strip a suffix it cannot otherwise recognise', () => {
    expect(chooseTitle(['Headline :: Some Brand Online', 'Headline'], { siteName: null, host: 'x.org' })).toBe('Headline');
  });

  it('prefers a longer candidate when the first is cut short', () => {
    expect(chooseTitle(['Night buses reach the...', 'Night buses reach the eastern suburbs | Example News'], site)).toBe(
      'Night buses reach the eastern suburbs',
    );
  });

  it('prefers a longer candidate when the first leaves a bracket open (cut at a length limit)', () => {
    const cut = 'We Help 4 Readers Find Solutions (Including';
    expect(chooseTitle([cut, 'We Help 4 Readers Find Solutions (Including One Universal Trick) - Example News'], site)).toBe(
      'We Help 4 Readers Find Solutions (Including One Universal Trick)',
    );
    expect(chooseTitle(['Best cameras (2025)', 'Best cameras (2025) and lenses'], site)).toBe('Best cameras (2025)');
  });

  it('skips a title that is only the site name', () => {
    expect(chooseTitle(['Example News', 'Real headline'], site)).toBe('Real headline');
    expect(chooseTitle([], site)).toBeNull();
  });

  it('gives null when every title is only the site name (siteOnlyTitle decides then)', () => {
    expect(chooseTitle(['Example News', 'Example News | Example News'], site)).toBeNull();
  });
});

describe('siteOnlyTitle', () => {
  it("gives the site's name as a title names it, suffix cut", () => {
    expect(siteOnlyTitle([null, 'Example News | Example News', 'Example News'], site)).toBe('Example News');
    expect(siteOnlyTitle(['The Verge'], { siteName: 'The Verge', host: 'www.theverge.com' })).toBe('The Verge');
  });

  it('is null when no title names the site alone', () => {
    expect(siteOnlyTitle(['Night buses reach the suburbs | Example News'], site)).toBeNull();
    expect(siteOnlyTitle([], site)).toBeNull();
  });
});

describe('namesSite', () => {
  it('matches names ignoring case and punctuation, but not longer phrases', () => {
    expect(namesSite('EXAMPLE-NEWS', site)).toBe(true);
    expect(namesSite('Example News Weekly Digest Of Everything Important Today', site)).toBe(false);
    expect(namesSite('World', site)).toBe(false);
  });

  it('reads "&" as "and"', () => {
    expect(namesSite('Nuts & Volts', { siteName: 'Nuts and Volts', host: 'nutsvolts.com' })).toBe(true);
  });
});
