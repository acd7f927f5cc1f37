import { describe, expect, it } from 'vitest';
import { robotsRules, robotsUrlFor } from './robots.js';
import { USER_AGENT } from './version.js';

const ROBOTS = 'https://news.example/robots.txt';

describe('robots rules for the Tidings user agent', () => {
  it('finds robots.txt at the origin of any URL', () => {
    expect(robotsUrlFor('https://news.example:8443/a/b.html?x=1')).toBe('https://news.example:8443/robots.txt');
  });

  it('applies the * group when no group names Tidings', () => {
    const rules = robotsRules(ROBOTS, { kind: 'rules', text: 'User-agent: *\nDisallow: /private/\n' });
    expect(rules.isAllowed('https://news.example/world/a.html')).toBe(true);
    expect(rules.isAllowed('https://news.example/private/a.html')).toBe(false);
  });

  it('prefers a group naming Tidings over *, matched by product token', () => {
    const text = 'User-agent: *\nDisallow: /\n\nUser-agent: tidings\nDisallow: /drafts/\nCrawl-delay: 2.5\n';
    const rules = robotsRules(ROBOTS, { kind: 'rules', text }, USER_AGENT);
    expect(rules.isAllowed('https://news.example/world/a.html')).toBe(true);
    expect(rules.isAllowed('https://news.example/drafts/a.html')).toBe(false);
    expect(rules.crawlDelayMs()).toBe(2_500);
  });

  it('lets the longest rule win, Allow on a tie, with * and $ patterns', () => {
    const text = 'User-agent: *\nDisallow: /news/\nAllow: /news/public/\nDisallow: /*.pdf$\n';
    const rules = robotsRules(ROBOTS, { kind: 'rules', text });
    expect(rules.isAllowed('https://news.example/news/public/a.html')).toBe(true);
    expect(rules.isAllowed('https://news.example/news/secret.html')).toBe(false);
    expect(rules.isAllowed('https://news.example/files/report.pdf')).toBe(false);
    expect(rules.isAllowed('https://news.example/files/report.pdf?page=2')).toBe(true);
  });

  it('allows everything when robots.txt is missing (4xx), and refuses URLs of another origin', () => {
    expect(robotsRules(ROBOTS, { kind: 'allow-all' }).isAllowed('https://news.example/anything')).toBe(true);
    const rules = robotsRules(ROBOTS, { kind: 'rules', text: 'User-agent: *\nAllow: /\n' });
    expect(rules.isAllowed('https://other.example/a.html')).toBe(false);
    expect(rules.crawlDelayMs()).toBeNull();
  });
});
