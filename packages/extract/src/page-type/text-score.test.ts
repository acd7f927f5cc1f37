import { describe, expect, it } from 'vitest';
import { parsePage } from '../dom.js';
import { readPageMetadata } from '../metadata/index.js';
import { classifyPage } from './classify.js';
import { readPageFeatures, type PageFeatures } from './features.js';
import type { PageTypeModel } from './model.js';
import { BLOCK_INPUTS, blockBuckets, encodeTextTable, fnv1a, TEXT_BITS, TEXT_INPUTS, textBuckets, textInputs, type TextModel } from './text-score.js';

function featuresOf(html: string, url: string): PageFeatures {
  const { document } = parsePage(html, url);
  return readPageFeatures(document, url, readPageMetadata(document));
}

const sentence = (topic: string): string => `This paragraph is about ${topic} and it goes on long enough to count as prose on any page that prints it. `.repeat(2);

const PAGE = `<html><head><title>Retirement calculator | Bank</title><meta name="description" content="Estimate what you need to save."></head>
<body><h1>Retirement calculator</h1><p>${sentence('saving')}</p><h2>Inputs</h2><p>short</p><p>${sentence('age')}</p>
<h3> </h3><p>${sentence('a third thing')}</p>${Array.from({ length: 12 }, (_, i) => `<h2>Step ${i}</h2>`).join('')}</body></html>`;

const SIZE = 1 << TEXT_BITS;
/** A naive-Bayes table where the given words speak for the given type, and every other bucket is silent. */
function tableFavouring(words: string[], type: number): TextModel {
  const values = new Float64Array(7 * SIZE);
  for (const word of words) for (let k = 0; k < 7; k += 1) values[k * SIZE + (fnv1a(word) & (SIZE - 1))] = k === type ? 3 : -0.5;
  return { prior: new Array<number>(7).fill(Math.log(1 / 7)), ...encodeTextTable(values) };
}

describe('the lead words', () => {
  it('keeps the title, headline, description, the first two prose paragraphs and the first ten non-empty headings', () => {
    const { lead } = featuresOf(PAGE, 'https://bank.example/tools/retirement-calculator');
    expect(lead.title).toBe('Retirement calculator | Bank');
    expect(lead.headline).toBe('Retirement calculator');
    expect(lead.description).toBe('Estimate what you need to save.');
    expect(lead.paragraphs).toHaveLength(2);
    expect(lead.paragraphs[1]).toMatch(/^This paragraph is about age/);
    expect(lead.headings).toEqual(['Inputs', ...Array.from({ length: 9 }, (_, i) => `Step ${i}`)]);
  });

  it('hashes each word once per field, the field named', () => {
    const f = featuresOf(PAGE, 'https://bank.example/tools/retirement-calculator');
    const buckets = textBuckets(f);
    expect(new Set(buckets).size).toBe(buckets.length);
    const mask = SIZE - 1;
    for (const token of ['url:calculator', 'head:calculator', 'title:bank', 'desc:estimate', 'para:saving', 'heads:inputs']) expect(buckets).toContain(fnv1a(token) & mask);
    // Words of the third paragraph are not read.
    expect(buckets).not.toContain(fnv1a('para:third') & mask);
  });

  it('hashes only the words in Latin letters or digits, the script the tables were fitted on', () => {
    const page = `<html><head><title>Café 2026 | 東京新聞</title></head><body><h1>Новости: 城市公交 café</h1></body></html>`;
    const buckets = textBuckets(featuresOf(page, 'https://news.example/'));
    const mask = SIZE - 1;
    expect(buckets).toEqual(expect.arrayContaining(['title:café', 'title:2026', 'head:café'].map((token) => fnv1a(token) & mask)));
    expect(buckets).toHaveLength(3);
  });
});

describe('the prose block words', () => {
  const story = `<html><head><title>Notes</title></head><body><nav><a href="/">Home</a> <a href="/shop">Shop</a></nav>
<div class="story"><h2>Summary</h2><p>${sentence('tides')}</p><p>${sentence('moons')}</p><p>${sentence('harbours')}</p>
<p>${sentence('lighthouses')}</p><p>${sentence('currents')}</p></div><footer>Copyright footer words</footer></body></html>`;

  it('reads the text of the block holding the long paragraphs, not the menus and footer around it', () => {
    const { lead } = featuresOf(story, 'https://e.org/notes');
    expect(lead.block).toMatch(/^Summary/);
    expect(lead.block).toContain('about harbours');
    expect(lead.block).not.toContain('Shop');
    expect(lead.block).not.toContain('footer');
  });

  it('hashes the block words under a field of their own, every paragraph read', () => {
    const buckets = blockBuckets(featuresOf(story, 'https://e.org/notes'));
    const mask = SIZE - 1;
    for (const token of ['block:summary', 'block:tides', 'block:currents']) expect(buckets).toContain(fnv1a(token) & mask);
    expect(buckets).not.toContain(fnv1a('block:copyright') & mask);
    expect(textBuckets(featuresOf(story, 'https://e.org/notes'))).not.toContain(fnv1a('block:tides') & mask);
  });

  it('is empty on a page with too little prose for a block', () => {
    const f = featuresOf(`<html><body><h1>Contact</h1><p>${sentence('calling us')}</p></body></html>`, 'https://e.org/contact');
    expect(f.lead.block).toBe('');
    expect(blockBuckets(f)).toEqual([]);
  });

  it('gives the log posteriors of the block table as the block inputs, which the model weighs', () => {
    const f = featuresOf(story, 'https://e.org/notes');
    const favouring = tableFavouring(['block:harbours'], 5);
    const inputs = textInputs(blockBuckets(f), favouring, BLOCK_INPUTS);
    expect(Object.keys(inputs)).toEqual([...BLOCK_INPUTS]);
    expect(inputs['blockListing']).toBeCloseTo(-Math.log(1 + 6 * Math.exp(-3.5)), 3);
    const none = { bias: -10 };
    // Silent, the block inputs are each log(1/7): listing scores -1.95, under the article's -1.
    const model: PageTypeModel = { article: { bias: -1 }, forum: none, documentation: none, product: none, collection: none, listing: { blockListing: 1 }, service: none };
    const silent: TextModel = { prior: new Array<number>(7).fill(0), scale: 1, table: '' };
    expect(classifyPage(f, {}, { weights: model, lead: silent, block: silent }).pageType).toBe('article');
    expect(classifyPage(f, {}, { weights: model, lead: silent, block: favouring }).pageType).toBe('listing');
  });
});

describe('textInputs', () => {
  it('gives each type its log posterior from the words, and decodes the table it encoded', () => {
    const f = featuresOf(PAGE, 'https://bank.example/tools/retirement-calculator');
    const inputs = textInputs(textBuckets(f), tableFavouring(['head:calculator', 'url:calculator'], 6));
    expect(Object.keys(inputs)).toEqual([...TEXT_INPUTS]);
    // Two words at +3 against -0.5 elsewhere: the service posterior is 1 / (1 + 6 e^-7).
    expect(inputs['textService']).toBeCloseTo(-Math.log(1 + 6 * Math.exp(-7)), 3);
    expect(inputs['textArticle']).toBeCloseTo(-7 - Math.log(1 + 6 * Math.exp(-7)), 3);
    const sum = TEXT_INPUTS.reduce((total, name) => total + Math.exp(inputs[name]!), 0);
    expect(sum).toBeCloseTo(1, 6);
  });

  it('lets the words decide between types the structure cannot tell apart', () => {
    const f = featuresOf(PAGE, 'https://bank.example/tools/retirement-calculator');
    const none = { bias: -10 };
    const model: PageTypeModel = { article: { bias: 0.5, textArticle: 1 }, forum: none, documentation: none, product: none, collection: none, listing: none, service: { textService: 1 } };
    const silent: TextModel = { prior: new Array<number>(7).fill(0), scale: 1, table: '' };
    expect(classifyPage(f, {}, { weights: model, lead: silent }).pageType).toBe('article');
    expect(classifyPage(f, {}, { weights: model, lead: tableFavouring(['head:calculator'], 6) }).pageType).toBe('service');
  });
});
