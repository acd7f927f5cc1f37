import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format.js';

function formatOf(text: string): { format: string; warnings: string[] } {
  const warnings: string[] = [];
  const detected = detectFormat(text, warnings);
  return { format: detected.kind === 'json' ? 'json' : detected.format, warnings };
}

describe('detectFormat', () => {
  it.each([
    ['RSS 2.0', '<rss version="2.0"><channel/></rss>', 'rss2'],
    ['RSS 2.0.1', '<rss version="2.0.1"><channel/></rss>', 'rss2'],
    ['RSS 0.91', '<rss version="0.91"><channel/></rss>', 'rss09x'],
    ['RSS 0.92', "<rss version='0.92'><channel/></rss>", 'rss09x'],
    ['RSS 0.94', '<rss version="0.94"><channel/></rss>', 'rss09x'],
    ['RSS 1.0 (RDF)', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"/>', 'rss1'],
    ['RSS 0.90 (RDF in the Netscape namespace)', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"/>', 'rss09x'],
    ['Atom 1.0', '<feed xmlns="http://www.w3.org/2005/Atom"/>', 'atom1'],
    ['Atom 0.3 by its version', '<feed version="0.3"/>', 'atom03'],
    ['Atom 0.3 by its namespace', '<feed xmlns="http://purl.org/atom/ns#"/>', 'atom03'],
    ['a prefixed Atom 1.0 root', '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"/>', 'atom1'],
    ['JSON', '{"version": "https://jsonfeed.org/version/1.1"}', 'json'],
    ['a root after a DOCTYPE and comments', '<?xml version="1.0"?>\n<!-- generated -->\n<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss version="2.0"/>', 'rss2'],
  ])('detects %s', (_label, text, format) => {
    expect(formatOf(text)).toEqual({ format, warnings: [] });
  });

  it('reads an <rss> root without a version as RSS 2.0 and says so', () => {
    expect(formatOf('<rss><channel/></rss>')).toEqual({ format: 'rss2', warnings: ['the <rss> element has no version; read as RSS 2.0'] });
  });

  it('reads a <feed> root outside the Atom namespace as Atom 1.0 and says so', () => {
    expect(formatOf('<feed><title>x</title></feed>')).toEqual({ format: 'atom1', warnings: ['the <feed> element is not in the Atom namespace; read as Atom 1.0'] });
  });
});
