import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { parseFragment, parsePage } from './dom.js';

describe('parsePage', () => {
  it('inserts a <base href> so relative links resolve against the page URL', () => {
    const { document, baseUrl } = parsePage('<html><head></head><body><a href="x">x</a></body></html>', 'https://e.org/a/b.html');
    expect(baseUrl).toBe('https://e.org/a/b.html');
    expect(document.baseURI).toBe('https://e.org/a/b.html');
  });

  it('resolves a relative <base href> of the page against the page URL', () => {
    const { document, baseUrl } = parsePage('<html><head><base href="/root/"></head><body></body></html>', 'https://e.org/a/b.html');
    expect(baseUrl).toBe('https://e.org/root/');
    expect(document.baseURI).toBe('https://e.org/root/');
  });

  it('turns a <noscript> holding a page of content into a <div>, and leaves short ones alone', () => {
    const post = '<p>I replaced the fan and the noise stopped, thanks to everyone who answered in this thread.</p>'.repeat(15);
    const { document } = parsePage(`<html><body><noscript>Please enable JavaScript.</noscript><noscript><div class="thread">${post}</div></noscript></body></html>`, 'https://e.org/');
    expect(document.querySelectorAll('noscript')).toHaveLength(1);
    expect(document.querySelector('div > div.thread')?.querySelectorAll('p')).toHaveLength(15);
  });

  it('finds <base> and <noscript> written in capitals (the markup is scanned for them before their walks)', () => {
    const post = '<p>I replaced the fan and the noise stopped, thanks to everyone who answered in this thread.</p>'.repeat(15);
    const { baseUrl } = parsePage(`<HTML><HEAD><BASE href="/up/"></HEAD><BODY><NOSCRIPT><div class="thread">${post}</div></NOSCRIPT></BODY></HTML>`, 'https://e.org/a/b');
    expect(baseUrl).toBe('https://e.org/up/');
    const { document } = parsePage(`<html><body><NoScript><div class="thread">${post}</div></NoScript></body></html>`, 'https://e.org/');
    expect(document.querySelector('noscript')).toBeNull();
    expect(document.querySelector('div > div.thread')).not.toBeNull();
  });

  it('reveals the body\'s long <noscript>s only, and unwraps a lone <body> nested in the page (found without walks)', () => {
    const post = '<p>I replaced the fan and the noise stopped, thanks to everyone who answered in this thread.</p>'.repeat(15);
    const { document } = parsePage(`<html><head><noscript>${post}</noscript></head><body><div><noscript>${post}</noscript></div></body></html>`, 'https://e.org/');
    expect(document.head.querySelectorAll('noscript')).toHaveLength(1);
    expect(document.body.querySelectorAll('noscript')).toHaveLength(0);
    // The page's only <body> sits in a <div>: linkedom makes the document's own, and the written one is nested in it.
    const nested = parsePage('<html><head><title>T</title></head><div><body><p>Pasted.</p></body></div></html>', 'https://e.org/').document;
    expect(nested.body.querySelector('body')).toBeNull();
    expect(nested.body.querySelector('div > p')?.textContent).toBe('Pasted.');
  });

  it('gives a fragment an <html> root and a <body>', () => {
    const { document } = parsePage('<p>one</p><p>two</p>', 'https://e.org/');
    expect(document.documentElement.localName).toBe('html');
    expect(document.body.querySelectorAll('p')).toHaveLength(2);
  });

  it('keeps the <head> of a page that leaves out the optional <html> tag, and head elements out of the text', () => {
    const page = '<!DOCTYPE html>\n<head><title>T</title><meta name="author" content="Jane Doe"></head>\n<body><h1>H</h1><p>one</p></body>';
    const { document } = parsePage(page, 'https://e.org/');
    expect(document.title).toBe('T');
    expect(document.head.querySelector('meta[name="author"]')?.getAttribute('content')).toBe('Jane Doe');
    expect(document.body.textContent).toBe('Hone');
    // No <head> tag either: the <title> still belongs to the head, not to the article's text.
    const bare = parsePage('<title>T</title><p>one</p>', 'https://e.org/').document;
    expect(bare.title).toBe('T');
    expect(bare.body.textContent).toBe('one');
  });

  it('moves content that sits outside <body> into it, in order', () => {
    const { document } = parsePage('<html><title>T</title><p>one</p><p>two</p></html>', 'https://e.org/');
    expect([...document.body.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['one', 'two']);
    expect(document.head.querySelector('title')?.textContent).toBe('T');
  });

  it('parses with jsdom on request, with the same base handling', () => {
    const { document, engine, baseUrl } = parsePage('<html><head><base href="/r/"></head><body><p>x</p></body></html>', 'https://e.org/a', 'jsdom');
    expect(engine).toBe('jsdom');
    expect(baseUrl).toBe('https://e.org/r/');
    expect(document.querySelector('p')?.textContent).toBe('x');
  });

  it('unwraps layout wrappers nested absurdly deep', () => {
    const { document } = parsePage(`<html><body>${'<div>'.repeat(500)}<p>deep</p></body></html>`, 'https://e.org/');
    expect(document.querySelectorAll('div').length).toBeLessThanOrEqual(130);
    expect(document.querySelector('p')?.textContent).toBe('deep');
  });

  it('unwraps a wrapper one level past the limit, inside the body or moved into it (the parser depth spares the walk only below the limit)', () => {
    // 121 <div>s: the innermost is 121 levels below the <body>, one too many, whether written inside it or straight under <html>.
    for (const page of [`<html><body>${'<div>'.repeat(121)}deep</body></html>`, `<html>${'<div>'.repeat(121)}deep</html>`]) {
      const { document } = parsePage(page, 'https://e.org/');
      expect(document.body.querySelectorAll('div')).toHaveLength(120);
      expect(document.body.textContent).toBe('deep');
    }
    const { document } = parsePage(`<html><body>${'<div>'.repeat(120)}deep</body></html>`, 'https://e.org/');
    expect(document.body.querySelectorAll('div')).toHaveLength(120);
  });
});

describe('parseFragment', () => {
  it('returns a body holding the fragment', () => {
    expect(parseFragment('<p>a</p>text').innerHTML).toBe('<p>a</p>text');
  });

  it('unwraps wrappers nested past the limit', () => {
    expect(parseFragment(`${'<div>'.repeat(121)}deep`).querySelectorAll('div')).toHaveLength(120);
  });
});

describe('parsePage slimming', () => {
  it('drops scripts, styles, SVG and comments before parsing, but keeps JSON-LD and <noscript>', () => {
    const { document } = parsePage(
      `<html><head><script>var a = "<p>x</p>";</script><style>p{}</style><script type="application/ld+json"><!--{"@type":"NewsArticle"}--></script></head>
       <body><!-- <p>commented out</p> --><svg><text>icon</text></svg><noscript><img src="a.jpg"></noscript><p>kept</p></body></html>`,
      'https://e.org/',
    );
    expect(document.querySelectorAll('script')).toHaveLength(1);
    expect(document.querySelector('script')?.textContent).toContain('NewsArticle');
    expect(document.querySelector('style, svg')).toBeNull();
    expect(document.body.textContent).not.toContain('commented out');
    expect(document.querySelector('noscript')).not.toBeNull();
  });

  it('removes blank text between block tags only: inline spacing and <pre> stay', () => {
    const { document } = parsePage('<html><body><div>\n  <p>One <b>bold</b> <i>word</i></p>\n  <p>Two</p>\n</div><pre>a\n  <span>b</span></pre></body></html>', 'https://e.org/');
    expect(document.querySelector('div')?.childNodes).toHaveLength(2);
    expect(document.querySelector('p')?.textContent).toBe('One bold word');
    expect(document.querySelector('pre')?.textContent).toBe('a\n  b');
  });
});

describe('linkedom as patched (patches/linkedom@0.18.15.patch)', () => {
  it('records the deepest element its parser opened, as deep as the tree it built', () => {
    const treeDepth = (element: Element): number => 1 + Math.max(0, ...[...element.children].map(treeDepth));
    for (const html of [
      '<html><body><div><p>x</p></div><br></body></html>',
      // Closed by the next <p>, by the <ul> and by the next <li>: neither the tree nor the count nests them.
      '<html><body><p>a<p>b<p>c<ul><li>1<li>2<b>x</ul></body></html>',
      // Void elements and stray end tags add no level; unclosed elements count.
      '<html><body><img><br></span></div><div><i>x</body></html>',
      '<div><div><div><table><tr><td>x</table>',
    ]) {
      const { document } = parseHTML(html);
      expect((document as unknown as { parsedDepth?: unknown }).parsedDepth).toBe(treeDepth(document.documentElement));
    }
  });

  it('answers a selector asked again after the tree changed with the tree as it is now', () => {
    const { document } = parsePage('<html><body><div class="a"><p>one</p></div><div><span>x</span></div></body></html>', 'https://e.org/');
    expect(document.querySelectorAll('div.a p')).toHaveLength(1);
    expect(document.querySelectorAll('div:has(p)')).toHaveLength(1);
    const moved = document.createElement('p');
    document.querySelectorAll('div')[1]?.appendChild(moved);
    document.querySelector('div')?.setAttribute('class', 'b');
    expect(document.querySelectorAll('div.a p')).toHaveLength(0);
    expect(document.querySelectorAll('div:has(p)')).toHaveLength(2);
    expect(moved.matches('div p')).toBe(true);
    expect(moved.closest('div.b')).toBeNull();
  });

  it('reads class names from the attribute, as a DOMTokenList would hold them, and keeps classList in step', () => {
    const { document } = parsePage('<html><body><div class="  a  b a "><p>x</p></div><section></section></body></html>', 'https://e.org/');
    const div = document.querySelector('div') as Element;
    expect(div.className).toBe('a b');
    expect(div.getAttribute('class')).toBe('a b');
    expect(div.outerHTML).toBe('<div class="a b"><p>x</p></div>');
    expect(document.querySelector('section')?.className).toBe('');
    expect(document.querySelector('section')?.getAttribute('class')).toBe('');
    div.classList.add('c');
    expect(div.className).toBe('a b c');
    div.setAttribute('class', 'd  d');
    expect([div.className, div.classList.contains('a'), document.querySelectorAll('.d').length]).toEqual(['d', false, 1]);
    const copy = div.cloneNode(true) as Element;
    expect([copy.className, copy.classList.contains('d')]).toEqual(['d', true]);
    div.removeAttribute('class');
    expect(div.className).toBe('');
  });

  it('matches tag names as a browser does: any case in selectors, the written case in getElementsByTagName', () => {
    const { document } = parsePage('<html><body><div><p>x</p><h2>y</h2></div></body></html>', 'https://e.org/');
    // Readability creates its wrappers as "DIV" and "P".
    document.body.appendChild(document.createElement('DIV'));
    expect(document.querySelectorAll('div')).toHaveLength(2);
    expect(document.querySelectorAll('P, H2, div')).toHaveLength(4);
    expect(document.querySelector('h2')?.matches('h1, h2')).toBe(true);
    expect(document.querySelector('p')?.closest('div, section')).toBe(document.querySelector('div'));
    expect(document.body.getElementsByTagName('div')).toHaveLength(1);
    expect(document.body.getElementsByTagName('DIV')).toHaveLength(2);
    expect([...document.body.getElementsByTagName('DIV')].map((element) => element.tagName)).toEqual(['DIV', 'DIV']);
  });

  it('gives an element\'s text as the concatenation of its text nodes', () => {
    const { document } = parsePage('<html><body><div>one <b>two</b><i></i> three</div></body></html>', 'https://e.org/');
    expect(document.querySelector('div')?.textContent).toBe('one two three');
    expect(document.querySelector('i')?.textContent).toBe('');
  });

  it('records the elements of a few rare tags as its parser opens them, in any case, and of no other tag', () => {
    const { document } = parseHTML(
      '<HTML><head><BASE href="/b/"><noscript>h</noscript></head><body><noscript>1</noscript><div><NoScript>2</NoScript><template><dialog>d</dialog></template></div><p>x</p></body></HTML>',
    );
    const opened = (document as unknown as { parsedElements: Map<string, Element[]> }).parsedElements;
    expect([...opened.keys()].sort()).toEqual(['base', 'body', 'dialog', 'head', 'html', 'noscript', 'template']);
    expect(opened.get('noscript')?.map((element) => element.textContent)).toEqual(['h', '1', '2']);
    expect(opened.get('html')).toEqual([document.documentElement]);
    expect(opened.get('dialog')?.[0]?.parentElement?.localName).toBe('template');
    expect(opened.has('p')).toBe(false);
  });

  it('serialises a recorded element as it was, however it changed since, and leaves it as it is now', () => {
    const { document } = parsePage(
      '<html><body><div id="a" class="x"><p>one &amp; <b>two</b></p><!-- note --><p title="t">three</p></div><ul><li>four</li></ul><script type="application/ld+json">{"a": "<b>"}</script></body></html>',
      'https://e.org/',
    );
    const { body } = document;
    const before = body.innerHTML;
    const snapshot = (body as unknown as { innerHTMLSnapshot(): () => string }).innerHTMLSnapshot();
    // What Readability's first attempt does to a page: removes, moves (out of the page too), renames, retexts, re-attributes.
    const [first, second] = [...body.querySelectorAll('p')] as Element[] as [Element, Element];
    const aside = document.createElement('DIV');
    aside.appendChild(second);
    first.querySelector('b')?.remove();
    (first.firstChild as Text).data = 'changed';
    second.setAttribute('title', 'u');
    second.setAttribute('lang', 'en');
    body.querySelector('div')?.removeAttribute('class');
    body.querySelector('li')?.replaceWith(document.createElement('p'));
    body.prepend(document.createElement('section'));
    const [now, asideNow] = [body.innerHTML, aside.outerHTML];
    expect(now).not.toBe(before);
    expect(snapshot()).toBe(before);
    expect(snapshot()).toBe(before);
    expect([body.innerHTML, aside.outerHTML]).toEqual([now, asideNow]);
    expect(second.parentNode).toBe(aside);
  });

  it('keeps the attributes htmlparser2 gave in an object: the first of a name, array indices first in numeric order, no "__proto__"', () => {
    const { document } = parseHTML('<div b="1" 10="t" 2="x" b="2" 1="y" __proto__="p" 01="z" 4294967295="u">x</div><svg><path d="1" 1="a" d="2"/></svg>');
    expect(document.querySelector('div')?.outerHTML).toBe('<div 1="y" 2="x" 10="t" b="1" 01="z" 4294967295="u">x</div>');
    expect(document.querySelector('path')?.getAttributeNames()).toEqual(['1', 'd']);
    expect(document.querySelector('path')?.getAttribute('d')).toBe('1');
  });

  it('keeps the same rules on a tag of many attributes: the first of a name however late it comes back, indices in numeric order', () => {
    // Past a few dozen names the patch looks names up in a Set, and it places index names by a binary search.
    const names = [...Array.from({ length: 60 }, (_, index) => `a${index}`), ...[907, 3, 55, 0, 1000, 12].map(String)];
    const written = [...names, 'a0', 'a59', '3', '__proto__'].map((name, index) => `${name}="${index}"`).join(' ');
    const { document } = parseHTML(`<div ${written}>x</div>`);
    const div = document.querySelector('div')!;
    expect(div.getAttributeNames()).toEqual([...['0', '3', '12', '55', '907', '1000'], ...names.slice(0, 60)]);
    expect([div.getAttribute('a0'), div.getAttribute('a59'), div.getAttribute('3')]).toEqual(['0', '59', '61']);
    // Past 1,024 index names (only a hostile page has them) the rest follow in the order written.
    const many = Array.from({ length: 1_100 }, (_, index) => 1_099 - index);
    const manyDiv = parseHTML(`<div b="1" ${many.map((name) => `${name}="x"`).join(' ')}>x</div>`).document.querySelector('div')!;
    expect(manyDiv.getAttributeNames()).toEqual([...many.slice(0, 1_024).reverse(), ...many.slice(1_024), 'b'].map(String));
  });

  it('makes no element of a start tag left unfinished at the end of the markup, and keeps what follows it where it was', () => {
    for (const [html, expected] of [
      ['<html><body><div><p class="a" id', '<div></div>'],
      ['<html><body><div><img src="x"', '<div></div>'],
      // A "/" ending the markup inside the tag is text, and goes to the open element.
      ['<html><body><p>a<div x="1" /', '<p>a</p>/'],
      ['<html><body><div>a<span x="1" /', '<div>a/</div>'],
    ] as const) {
      const { document } = parseHTML(html);
      expect(document.body.innerHTML).toBe(expected);
      expect(document.body.lastChild?.parentNode).toBe(document.body);
    }
    type Recorded = { parsedElements: Map<string, Element[]>; parsedDepth: number };
    const recorded = parseHTML('<html><body><noscript>n</noscript><div><noscript a="1"').document as unknown as Recorded;
    expect([recorded.parsedElements.get('noscript')?.length, recorded.parsedDepth]).toEqual([1, 3]);
    expect((parseHTML('<html><body><div><dialog a="1"').document as unknown as Recorded).parsedElements.has('dialog')).toBe(false);
  });

  it('finds elements by a list of attribute names (and tag names) as css-select does: attribute names as written, in document order', () => {
    const { document } = parseHTML('<html><body><div role="main"><p itemprop="a" ROLE="x">1</p><span ROLE="y">2</span><i data-role="z" itemprop>3</i><template><b role="c">4</b></template></div></body></html>');
    const found = (selectors: string): string[] => [...document.querySelectorAll(selectors)].map((element) => element.localName);
    expect(found('[itemprop], [role]')).toEqual(['div', 'p', 'i']);
    // With a pseudo-class the list goes through css-select's compiler.
    expect(found('[itemprop], [role]')).toEqual(found('[itemprop], [role], :not(*)'));
    expect(found('[ROLE]')).toEqual(['p', 'span']);
    // Tag names and attribute names in one list: either kind of match, each element once.
    expect(found('span, [itemprop], p')).toEqual(['p', 'span', 'i']);
    expect(found('span, [itemprop], p')).toEqual(found('span, [itemprop], p, :not(*)'));
    expect(document.querySelector('i')?.matches('[role], [itemprop]')).toBe(true);
    expect(document.querySelector('span')?.closest('[role]')?.localName).toBe('div');
  });

  it("builds the tree htmlparser2's own tokenizer gives (the patch's tokenizer steps over runs of text, values and names)", () => {
    // htmlparser2 as linkedom loads it, with its own tokenizer: its events, text merged, are the tree linkedom must build.
    type Handler = Record<string, (...values: never[]) => void>;
    type ParserClass = new (handler: Handler, options: object) => { write(markup: string): void; end(): void };
    const linkedomRequire = createRequire(createRequire(import.meta.url).resolve('linkedom'));
    const { Parser } = linkedomRequire('htmlparser2') as { Parser: ParserClass };
    const pushText = (tokens: string[], text: string): void => {
      const last = tokens.length - 1;
      if (tokens[last]?.startsWith('#')) tokens[last] += text;
      else tokens.push(`#${text}`);
    };
    const expected = (markup: string): string[] => {
      const tokens: string[] = [];
      const handler = {
        onopentag: (name: string, attributes: Record<string, string>) => tokens.push(`<${name} ${JSON.stringify(Object.entries(attributes))}`),
        ontext: (text: string) => pushText(tokens, text),
        oncomment: (text: string) => tokens.push(`!${text}`),
        onclosetag: (name: string) => tokens.push(`/${name}`),
      };
      const parser = new Parser(handler as unknown as Handler, { lowerCaseAttributeNames: false, decodeEntities: true });
      parser.write(markup);
      parser.end();
      return tokens;
    };
    const built = (markup: string): string[] => {
      const tokens: string[] = [];
      const visit = (node: Node): void => {
        if (node.nodeType === 3) pushText(tokens, node.nodeValue ?? '');
        else if (node.nodeType === 8) tokens.push(`!${node.nodeValue ?? ''}`);
        else if (node.nodeType === 1) {
          const element = node as Element;
          tokens.push(`<${element.localName} ${JSON.stringify([...element.attributes].map((attribute) => [attribute.name, attribute.value]))}`);
          for (let child = element.firstChild; child; child = child.nextSibling) visit(child);
          tokens.push(`/${element.localName}`);
        }
      };
      for (let child = parseHTML(markup).document.firstChild; child; child = child.nextSibling) visit(child);
      return tokens;
    };
    // Tags, names and values in every quoting, entities whole and cut short, names ended by each character that ends one.
    const piece = fc.constantFrom('<a', '<p', '<br', '</a>', '</p>', '</a', '</p', '</ x>', '<', '>', '/', '=', '"', "'", ' ', '\n', '\t', '\f', '\r', 'x', 'é', '&amp;', '&lt', '&#38;', '&#x3c;', '&copy', '&', ';', 'class', 'id');
    // Closes whatever tag the markup leaves open: a start tag left unfinished at the end makes no element (tested above).
    const close = '"\'>"\'>';
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const markup = pieces.join('') + close;
        expect(built(markup)).toEqual(expected(markup));
      }),
      { numRuns: 2000 },
    );
    expect(built('<p title="a &amp; b" data-x=\'&lt;\'>x &copy y&#38;</p>')).toEqual(expected('<p title="a &amp; b" data-x=\'&lt;\'>x &copy y&#38;</p>'));
  });

  it('still delivers events to the listeners of a node', () => {
    const { document } = parsePage('<html><body><p>x</p></body></html>', 'https://e.org/');
    const p = document.querySelector('p') as Element;
    const seen: string[] = [];
    p.addEventListener('ping', (event) => seen.push(event.type));
    p.dispatchEvent(new document.defaultView!.Event('ping'));
    document.body.dispatchEvent(new document.defaultView!.Event('ping'));
    expect(seen).toEqual(['ping']);
  });
});
