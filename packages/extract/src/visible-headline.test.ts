import { describe, expect, it } from 'vitest';
import { visibleHeadline } from './visible-headline.js';

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

  it("refuses the site's name taken from the <title>, and a headline in capitals only", () => {
    expect(visibleHeadline('Yoga Pathways', [], 'Yoga will not fix the plumbing – Yoga Pathways', site, URL_)).toBeNull();
    expect(visibleHeadline('BEST DRIP COFFEE MAKER IN 2026', ['Best Drip Coffee Maker 2026: Buying Tips'], null, site, URL_)).toBeNull();
  });

  it('gives way to a declared title that the URL slug spells out far better', () => {
    const url = 'https://law.example.com/articles/how-to-start-an-llc-in-new-york';
    expect(visibleHeadline('Form your company for New York today', ['How to Start an LLC in New York'], null, site, url)).toBeNull();
    expect(visibleHeadline('Form your company for New York today', ['How to Start an LLC in New York'], null, site, URL_)).toBe('Form your company for New York today');
  });
});
