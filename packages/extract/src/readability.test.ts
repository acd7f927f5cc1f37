import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { parseFragment, parsePage } from './dom.js';
import { BODY_PARAGRAPHS } from './fixtures/build-page.js';
import { hideCollapsedPanelStates, hideSectionHeadingNames, pruneForReadability, runReadability } from './readability.js';

const page = (body: string): Document => parsePage(`<html><head><title>T</title></head><body>${body}</body></html>`, 'https://e.org/a').document;
const story = BODY_PARAGRAPHS.map((text) => `<p>${text}</p>`).join('');

describe('pruneForReadability', () => {
  it('removes navigation, asides, footers, the page header and hidden boxes', () => {
    const document = page(
      `<header><a href="/">Site</a></header><nav><a href="/x">x</a></nav><div hidden><p>hidden</p></div><div aria-hidden="true">aria</div>` +
        `<div aria-hidden="false" id="shown">shown</div><article>${story}</article><aside>more</aside><footer>foot</footer>`,
    );
    pruneForReadability(document);
    expect([...document.body.children].map((element) => element.localName + (element.id ? `#${element.id}` : ''))).toEqual(['div#shown', 'article']);
  });

  it('shows, when asked, the disclosure panels a page hides by attribute, but not menus, filters or inline text', () => {
    const boxes = [
      '<div class="faq-answer" hidden id="answer">Yes, every half hour.</div>',
      '<section role="tabpanel" aria-hidden="true" id="tab">npm install twilio</section>',
      '<div class="accordion-menu" hidden id="menu"><a href="/x">x</a></div>',
      '<div class="filter-accordion" aria-hidden="true" id="filter"><input type="checkbox"> Size 9</div>',
      '<span class="faq-more" hidden id="inline">more</span>',
      '<div class="promo" hidden id="promo">Sale</div>',
    ].join('');
    const ids = (document: Document) => [...document.body.children].map((element) => element.id);
    const shown = page(boxes);
    pruneForReadability(shown, { showCollapsedPanels: true });
    expect(ids(shown)).toEqual(['answer', 'tab']);
    expect(shown.getElementById('answer')!.hasAttribute('hidden')).toBe(false);
    expect(shown.getElementById('tab')!.getAttribute('aria-hidden')).toBeNull();
    const pruned = page(boxes);
    pruneForReadability(pruned);
    expect(ids(pruned)).toEqual([]);
  });

  it('shows the answer a question opens (aria-controls), whatever its classes say, and not what another control opens', () => {
    const boxes = [
      '<button aria-expanded="false" aria-controls="a1">Do the buses run at night?</button>',
      '<div class="rah-static rah-static--height-zero" aria-hidden="true" id="a1"><p>Yes, every half hour.</p></div>',
      '<button aria-expanded="false" aria-controls="m1">Menu</button>',
      '<div class="panel" aria-hidden="true" id="m1"><a href="/x">x</a></div>',
    ].join('');
    const ids = (document: Document) => [...document.body.children].map((element) => element.id || element.localName);
    const shown = page(boxes);
    pruneForReadability(shown, { showCollapsedPanels: true });
    expect(ids(shown)).toEqual(['button', 'a1', 'button']);
    const pruned = page(boxes);
    pruneForReadability(pruned);
    expect(ids(pruned)).toEqual(['button', 'button']);
  });

  it('shows the prose a collapsed control just before it opens ("Continue reading"), whatever its classes say, and no menu', () => {
    const rest = '<p>The rest of the story, hidden until the reader asks for it.</p>';
    const boxes = [
      `<button aria-expanded="false">Continue reading</button><div class="article-body__rest" hidden id="rest">${rest}</div>`,
      `<button aria-expanded="false" aria-controls="other">More</button><div hidden id="elsewhere">${rest}</div>`,
      '<button aria-expanded="false">Menu</button><div hidden id="menu"><ul><li><a href="/">Home</a></li></ul></div>',
    ].join('');
    const shown = page(boxes);
    pruneForReadability(shown, { showCollapsedPanels: true });
    expect([...shown.body.children].flatMap((element) => element.id || [])).toEqual(['rest']);
    expect(shown.getElementById('rest')!.hasAttribute('hidden')).toBe(false);
  });

  it('keeps a box that holds the article, the article header and a header with the headline, and prunes inside what it keeps', () => {
    const document = page(
      `<div hidden id="wrap"><main><nav>in main</nav>${story}</main></div>` +
        `<article><header id="byline">By Jane</header>${story}</article><header id="top"><h1>Headline</h1></header>`,
    );
    pruneForReadability(document);
    expect(document.getElementById('wrap')).not.toBeNull();
    expect(document.querySelector('main nav')).toBeNull();
    expect(document.getElementById('byline')).not.toBeNull();
    expect(document.getElementById('top')).not.toBeNull();
  });

  it('removes nested matches once, and leaves template content alone', () => {
    const document = page(`<footer><nav><aside>x</aside></nav></footer><template id="P:1"><nav>kept</nav></template><p>text</p>`);
    pruneForReadability(document);
    expect(document.querySelector('footer, aside')).toBeNull();
    expect(document.querySelector('template')?.innerHTML).toBe('<nav>kept</nav>');
  });

  it("removes what the page's own stylesheet hides, and shows its hidden disclosure panels when asked", () => {
    const html =
      '<html><head><style>.heroSec { display: none } .faq-answer { display: none } .tab { display: none } .tab.active { display: block }</style></head><body>' +
      `<div class="heroSec" id="hero"><p>Lorem ipsum dolor sit amet.</p></div><div class="faq-answer" id="answer">Yes.</div>` +
      `<div class="tab" id="tab">Shown when active.</div><article id="story">${story}</article></body></html>`;
    const ids = (document: Document) => [...document.body.children].map((element) => element.id);
    const pruned = parsePage(html, 'https://e.org/a');
    pruneForReadability(pruned.document, { styleHidden: pruned.styleHidden });
    expect(ids(pruned.document)).toEqual(['tab', 'story']);
    const shown = parsePage(html, 'https://e.org/a');
    pruneForReadability(shown.document, { showCollapsedPanels: true, styleHidden: shown.styleHidden });
    expect(ids(shown.document)).toEqual(['answer', 'tab', 'story']);
  });

  it('prunes the same on jsdom', () => {
    const { document } = parsePage(`<html><body><nav>n</nav><div hidden>h</div><article>${story}</article></body></html>`, 'https://e.org/', 'jsdom');
    pruneForReadability(document);
    expect([...document.body.children].map((element) => element.localName)).toEqual(['article']);
  });
});

describe('runReadability (patched: patches/@mozilla__readability@0.6.0.patch)', () => {
  describe('lengths as a Latin script would run (patched in: the textLength option)', () => {
    // Four one-sentence paragraphs of about 40 characters: some 500 in English.
    const chinese = [
      '市交通运输局周三宣布，从下月起，全市二十条主要公交线路的末班车时间将延后一小时。',
      '交通局负责人表示，这一调整主要是为了方便夜间下班的市民出行，同时缓解地铁停运后的打车难问题。',
      '据统计，去年全市夜间出行人数比前年增长了百分之十五，其中大部分集中在商业区和医院附近。',
      '部分市民对此表示欢迎，但也有人担心夜间车辆增加会带来噪音问题。交通局称将在试行三个月后评估效果。',
    ];
    /** Readability as it comes, lengths in characters. */
    const plain = (document: Document): string => (new Readability(document, { serializer: (node) => node as Element }).parse()?.content?.textContent ?? '');
    const ours = (document: Document): string => runReadability(document).content?.textContent ?? '';

    it('takes a short Chinese story at the first try, cleaned: by characters it is under 500 and comes back from an uncleaned try', () => {
      const links = ['新能源汽车销量再创新高', '多地出台充电桩建设补贴政策', '锂价持续下跌', '储能市场迎来爆发期'];
      const body = `<div class="article">${chinese.map((text) => `<p>${text}</p>`).join('')}<div>${links.map((text, i) => `<a href="/n${i}">${text}</a>`).join(' ')}</div></div>`;
      expect(ours(page(body))).toContain(chinese[3]);
      expect(ours(page(body))).not.toContain(links[0]);
      expect(plain(page(body))).toContain(links[0]);
    });

    it('scores one-sentence paragraphs of about 20 Chinese characters, which by characters count for nothing and lose to a sidebar', () => {
      const sentences = ['市交通运输局周三宣布，末班车将延后一小时。', '这一调整是为了方便夜间下班的市民出行。', '去年夜间出行人数比前年增长了百分之十五。', '大部分乘客集中在商业区和医院附近的线路。', '部分市民表示欢迎，也有人担心噪音问题。', '交通局称将在试行三个月后评估实际效果。', '新线路的发车间隔为二十分钟左右一班。', '票价与白天相同，可以使用交通卡支付。'];
      const sidebar = '春季招聘会本周末在会展中心举行，预计将有超过三百家企业参加，提供岗位近万个，涵盖制造、互联网、金融等多个行业。';
      const body = `<div class="main"><h1>城市公交将延长夜间运营时间</h1><div class="text">${sentences.map((text) => `<p>${text}</p>`).join('')}</div></div><div class="side"><p>${sidebar}</p><p>${sidebar}</p></div>`;
      expect(ours(page(body))).toContain(sentences[0]);
      expect(ours(page(body))).not.toContain(sidebar);
      expect(plain(page(body))).toContain(sidebar);
    });
  });

  it('still drops a box an inline style hides, and keeps a styled visible one', () => {
    const document = page(
      `<div class="article">${story}<p style="display: none">Hidden by style, not part of the story at all.</p>` +
        `<p style="visibility:hidden">Invisible by style as well, never shown.</p><p style="color: red">Shown in red, part of the story.</p></div>`,
    );
    const text = runReadability(document).content?.textContent ?? '';
    expect(text).toContain(BODY_PARAGRAPHS[0]);
    expect(text).toContain('Shown in red');
    expect(text).not.toContain('Hidden by style');
    expect(text).not.toContain('Invisible by style');
  });

  it('takes a short box named as a byline, not a long one, nor an empty author link', () => {
    const run = (box: string) => runReadability(page(`<div class="article">${box}${story}</div>`)).byline;
    expect(run('<div class="byline">By Jane Doe</div>')).toBe('By Jane Doe');
    expect(run(`<div class="byline">${'By Jane Doe and the many others who wrote this long credit line. '.repeat(3)}</div>`)).toBeNull();
    expect(run('<a rel="author" href="/j"></a><span class="author">Ann Writer</span>')).toBe('Ann Writer');
  });

  it('drops boxes holding only whitespace (no-break and em spaces too) and line breaks, and keeps text however deep', () => {
    const document = page(
      `<div class="article">${story}<div id="blank"> &nbsp; <br> <hr> </div><div id="deep"><span><b>Deep text.</b></span></div>` +
        `<section id="spaces">\u00a0\u2003</section></div>`,
    );
    const content = runReadability(document).content;
    expect(content?.querySelectorAll('br, hr, #blank, #spaces')).toHaveLength(0);
    expect(content?.querySelector('b')?.textContent).toBe('Deep text.');
  });

  it('retries on the page as it was when the first pass finds too little', () => {
    // Under Readability's 500 characters the first pass fails; the retries start again from the untouched page.
    const short = '<p>A short note of a little more than a hundred characters, which is less than Readability wants at first.</p>';
    const document = page(`<div class="comment">${short}</div>`);
    const { content } = runReadability(document);
    expect(content?.textContent).toContain('A short note');
  });

  it('drops <style>, makes <br><br> runs paragraphs and <font> a <span>, from one walk of the page', () => {
    const document = page(
      `<div class="article">${story}<style>p { color: red }</style><div id="lines">First line of a longer passage kept in the story, <font color="red">red words</font>` +
        `<br><br>second line of it that stays after the breaks, also kept in the story.<br><br><font><font>nested font</font> text</font> closing the passage with more words than before.</div></div>`,
    );
    const content = runReadability(document).content;
    expect(content?.querySelectorAll('style, font, br')).toHaveLength(0);
    expect([...(content?.querySelectorAll('span') ?? [])].map((span) => span.textContent)).toEqual(['red words', 'nested font text', 'nested font']);
    expect(content?.textContent).toContain('second line of it that stays after the breaks');
    expect([...(content?.querySelectorAll('p') ?? [])].some((p) => p.textContent?.startsWith('second line'))).toBe(true);
  });

  it('cleans objects, embeds, footers, links, asides and form controls, nested in each other too, and keeps a video player', () => {
    const document = page(
      `<div class="article">${story}<aside><object data="/a.swf"><embed src="/b.swf"></object>aside text</aside><footer><link rel="x" href="/y">foot</footer>` +
        `<p>Paragraph with a <button>button</button>, an <input value="i"> and a <select><option>o</option></select> in it, long enough to stay in the story.</p>` +
        `<iframe src="https://www.youtube.com/embed/abc"></iframe><iframe src="https://ads.example/x"></iframe><textarea>t</textarea></div>`,
    );
    const content = runReadability(document).content;
    expect(content?.querySelectorAll('object, embed, footer, link, aside, button, input, select, textarea')).toHaveLength(0);
    expect([...(content?.querySelectorAll('iframe') ?? [])].map((iframe) => iframe.getAttribute('src'))).toEqual(['https://www.youtube.com/embed/abc']);
    expect(content?.textContent).toContain('Paragraph with a');
  });

  it('reads the JSON-LD, then drops scripts and <noscript>s with what they hold, from the same walk as the line breaks', () => {
    const document = parsePage(
      `<html><head><title>T</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"T","datePublished":"2024-01-02T03:04:05Z"}</script></head>` +
        `<body><div class="article">${story}<noscript><font>In a noscript</font><br><br><style>b {}</style>still in it</noscript><p>After the noscript, a last line of the story.</p></div></body></html>`,
      'https://e.org/a',
    ).document;
    const outcome = runReadability(document);
    expect(outcome.publishedTime).toBe('2024-01-02T03:04:05Z');
    expect(outcome.content?.textContent).not.toContain('In a noscript');
    expect(outcome.content?.textContent).not.toContain('still in it');
    expect(outcome.content?.textContent).toContain('After the noscript');
    expect(outcome.content?.querySelectorAll('noscript, script, font, style')).toHaveLength(0);
  });

  it("measures each element's text from its parts as _getInnerText would (trimmed, each whitespace run one character)", () => {
    const pieces = ['', ' ', '  ', '\n\t', '\u00a0', '\u2003 ', 'word', 'two words', ' lead', 'trail ', ' both  ends ', 'a\u3000\u3000b', '<b> </b>', '<i>x</i>', '<span><b>in</b> <i> deep </i></span>', '<!-- note -->', '<br>'];
    const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const next = random(7);
    const html = Array.from({ length: 60 }, () => `<div>${Array.from({ length: 1 + Math.floor(next() * 6) }, () => pieces[Math.floor(next() * pieces.length)]).join('')}</div>`).join('');
    const document = page(`<section>${html}<div>${html}</div></section>`);
    // Readability's own methods, as its candidate loop calls them (internal to the patched package).
    const reader = new Readability(document) as unknown as { _innerTextLength(node: Element, shapes: Map<Node, unknown>): number; _getInnerText(node: Element): string };
    const shapes = new Map<Node, unknown>();
    const differing = [...document.body.querySelectorAll('*')].filter((element) => reader._innerTextLength(element, shapes) !== reader._getInnerText(element).length);
    expect(differing).toEqual([]);
  });

  it('keeps a picture with a source (src, srcset, data-src, data-srcset or a picture file named) and drops one without', () => {
    const pictures = ['src="/a.jpg"', 'srcset="/b.jpg 2x"', 'data-src="/c"', 'data-srcset="/d 2x"', 'data-lazy="/e.png"', 'alt="no source"', 'SRC="/f"'];
    const document = page(`<div class="article">${story}${pictures.map((attributes, i) => `<p>Picture ${i} <img id="i${i}" ${attributes}> in a sentence.</p>`).join('')}</div>`);
    const content = runReadability(document).content;
    expect([...(content?.querySelectorAll('img') ?? [])].map((img) => img.id)).toEqual(['i0', 'i1', 'i2', 'i3', 'i4']);
  });
});

describe('hideSectionHeadingNames', () => {
  it('hides the names Readability would strip a section heading for, and puts them back', () => {
    const root = parseFragment(
      '<h2 class="header-anchor-post" id="intro">Intro</h2><h3 class="related-title">More</h3><h2 class="title">Plain</h2><h1 class="page-header">Top</h1><div class="header">Box</div>',
    );
    const [anchor, related, plain, top, box] = [...root.children];
    const restore = hideSectionHeadingNames(root);
    expect(anchor!.hasAttribute('class')).toBe(false);
    expect(anchor!.hasAttribute('id')).toBe(false);
    expect(related!.getAttribute('class')).toBe('related-title');
    expect(plain!.getAttribute('class')).toBe('title');
    expect(top!.getAttribute('class')).toBe('page-header');
    expect(box!.getAttribute('class')).toBe('header');
    restore();
    expect(anchor!.getAttribute('class')).toBe('header-anchor-post');
    expect(anchor!.getAttribute('id')).toBe('intro');
  });

  it('leaves the names Readability keeps a heading for: an "ok maybe" part, or a positive weight beside the negative one', () => {
    const root = parseFragment(
      '<h3 class="header-content">Kept by its content part</h3><h2 class="media-heading article-body">Weighs nothing</h2><h2 class="media-heading">Weighs negative</h2><h3 class="media-heading">Only h2s are weighed</h3>',
    );
    const [content, balanced, negative, h3] = [...root.children];
    hideSectionHeadingNames(root);
    expect(content!.getAttribute('class')).toBe('header-content');
    expect(balanced!.getAttribute('class')).toBe('media-heading article-body');
    expect(negative!.hasAttribute('class')).toBe(false);
    expect(h3!.getAttribute('class')).toBe('media-heading');
  });
});

describe('hideSectionHeadingNames: wrappers', () => {
  it("hides the names of a heading's wrapper that holds little else when prose follows it, not those of a box of links", () => {
    const prose = '<p>The first paragraph of the section, long enough to read as running prose for anyone.</p>';
    const root = parseFragment(
      `<div class="section-header" id="w1"><h2>How did we get here?</h2></div>${prose}` +
        '<div class="rail__header" id="w2"><h3 class="rail__title">Most read</h3></div><div class="swiper"><a href="/a">One</a><a href="/b">Two</a></div>' +
        `<header class="post__header" id="w3"><time>18:42</time><h3>Rail services suspended</h3></header><div class="post__body">${prose}</div>`,
    );
    const restore = hideSectionHeadingNames(root);
    const named = (id: string) => root.querySelector(`#${id}`) !== null;
    expect([named('w1'), named('w2'), named('w3')]).toEqual([false, true, false]);
    restore();
    expect([named('w1'), named('w3')]).toEqual([true, true]);
  });
});

describe('hideCollapsedPanelStates', () => {
  it("hides a disclosure widget's collapsed state and header-part words from Readability, and puts them back", () => {
    const root = parseFragment(
      [
        '<div class="kt-accordion-wrap kt-pane-header-alignment-left">',
        '<div class="kt-accordion-header-wrap"><button>My methodology</button></div>',
        '<div class="kt-accordion-panel kt-accordion-panel-hidden"><p>How each tool was scored.</p></div>',
        '</div>',
        '<div class="cmp-accordion__panel cmp-accordion__panel--hidden">Panel</div>',
        '<div class="ss-accordion-content border-b hidden">Tailwind panel</div>',
      ].join(''),
    );
    const [wrap, bem, tailwind] = [...root.children];
    const [header, panel] = [...wrap!.children];
    const restore = hideCollapsedPanelStates(root.querySelectorAll('[class]'));
    expect(wrap!.getAttribute('class')).toBe('kt-accordion-wrap');
    expect(header!.getAttribute('class')).toBe('');
    expect(panel!.getAttribute('class')).toBe('kt-accordion-panel');
    expect(bem!.getAttribute('class')).toBe('cmp-accordion__panel');
    expect(tailwind!.getAttribute('class')).toBe('ss-accordion-content border-b');
    restore();
    expect(wrap!.getAttribute('class')).toBe('kt-accordion-wrap kt-pane-header-alignment-left');
    expect(panel!.getAttribute('class')).toBe('kt-accordion-panel kt-accordion-panel-hidden');
    expect(tailwind!.getAttribute('class')).toBe('ss-accordion-content border-b hidden');
  });

  it('leaves menus, screen-reader text, overflow rules, breakpoint-scoped hiding and other boxes as they are', () => {
    const classes = [
      'in-collapsed-nav hidden',
      'accordion-menu is-collapsed',
      'faq-title visually-hidden',
      'accordion overflow-hidden',
      'tab-content md:hidden',
      'tab-content hidden-mobile',
      'promo-box hidden',
      'site-header',
    ];
    const root = parseFragment(classes.map((name) => `<div class="${name}">x</div>`).join(''));
    hideCollapsedPanelStates(root.querySelectorAll('[class]'));
    expect([...root.children].map((element) => element.getAttribute('class'))).toEqual(classes);
    // A widget named by its id only: the class is not a part's.
    const header = parseFragment('<div id="accordion-heading-1" class="card-header">Question</div>');
    hideCollapsedPanelStates(header.querySelectorAll('[class]'));
    expect(header.firstElementChild!.getAttribute('class')).toBe('card-header');
  });

  it('lets Readability keep an FAQ accordion it would drop as an unlikely candidate for its header-part class', () => {
    const prose = '<p>The council voted on Tuesday to extend the night bus network to the eastern suburbs, a change residents had long demanded, with funding for five years.</p>';
    const html = `<html><head><title>Buses</title></head><body><article>${prose.repeat(6)}<div class="faq-accordion faq-pane-header-left"><div class="faq-pane faq-pane-hidden"><p>Will the buses run on Sundays? Yes, from the first of May, every half hour through the night, and the fares stay the same.</p></div></div></article></body></html>`;
    const { document } = parsePage(html, 'https://news.example.com/buses', 'linkedom');
    const { content } = runReadability(document);
    expect(content?.textContent).toContain('Will the buses run on Sundays?');
  });
});
