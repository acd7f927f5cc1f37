import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';

// patches/htmlparser2@10.1.0.patch keeps the Parser's stack of open elements innermost last, with a
// count of the open elements of each name, so that deep nesting and stray end tags parse in linear
// time. These tests hold it to the events htmlparser2 emitted before.

type Handler = Record<string, (...values: never[]) => void>;
interface ParserInstance {
  write(markup: string): void;
  end(): void;
  parseComplete(markup: string): void;
}
type ParserClass = new (handler: Handler, options: object) => ParserInstance;

const require = createRequire(import.meta.url);
// htmlparser2@10.1.0 as linkedom loads it, the patched one: the ES module build linkedom imports, and
// the CommonJS build beside it (the patch changes both).
const linkedomRequire = createRequire(require.resolve('linkedom'));
const commonjsEntry = linkedomRequire.resolve('htmlparser2');
const esmEntry = commonjsEntry.replace(/commonjs(?=[/\\]index\.js$)/, 'esm');
const { Parser } = (await import(pathToFileURL(esmEntry).href)) as { Parser: ParserClass };
const { Parser: CommonjsParser } = linkedomRequire('htmlparser2') as { Parser: ParserClass };
const BUILDS = [['esm', Parser], ['commonjs', CommonjsParser]] as const;
// htmlparser2@8.0.2 (sanitize-html's) is the reference: its Parser kept the stack innermost last
// (push/pop, lastIndexOf) with the same rules of implied opens and closes, and on tag soup without
// <textarea> (whose content 10's tokenizer reads as text, 8's as markup) emitted the same events as
// 10.1.0 before the patch (checked on 20,000 random documents per mode before patching).
// htmlparser2@12 is no reference: it closes <a> and headings implicitly, ignores a nested <form>,
// adjusts SVG tag names and tracks foreign content per element.
const { Parser: ReferenceParser } = createRequire(require.resolve('sanitize-html'))('htmlparser2') as { Parser: ParserClass };

/** Linkedom's options; `xmlMode` for its XML documents. */
const HTML = { lowerCaseAttributeNames: false, decodeEntities: true };
const XML = { xmlMode: true };

/** Every callback the parser makes, in order, with its arguments (runs of text merged). */
function events(ParserOf: ParserClass, markup: string, options: object): string[] {
  const out: string[] = [];
  const record = (...values: unknown[]) => out.push(JSON.stringify(values));
  const handler = {
    onopentagname: (name: string) => record('name', name),
    onattribute: (name: string, value: string, quote: unknown) => record('attribute', name, value, quote),
    onopentag: (name: string, attributes: Record<string, string>, implied: boolean) => record('open', name, Object.entries(attributes), implied),
    onclosetag: (name: string, implied: boolean) => record('close', name, implied),
    ontext: (text: string) => {
      const last = out.length - 1;
      if (out[last]?.startsWith('#')) out[last] += text;
      else out.push(`#${text}`);
    },
    oncomment: (text: string) => record('comment', text),
    oncdatastart: () => record('cdatastart'),
    oncdataend: () => record('cdataend'),
    onprocessinginstruction: (name: string, data: string) => record('instruction', name, data),
    onend: () => record('end'),
  };
  const parser = new ParserOf(handler as unknown as Handler, options);
  parser.write(markup);
  parser.end();
  return out;
}

/** Opens and closes only, compactly: `<p` (`<p!` opened implicitly), `/b` (`/b!` closed implicitly). */
function tags(markup: string, options: object = HTML): string[] {
  const out: string[] = [];
  const handler = {
    onopentag: (name: string, _attributes: unknown, implied: boolean) => out.push(`<${name}${implied ? '!' : ''}`),
    onclosetag: (name: string, implied: boolean) => out.push(`/${name}${implied ? '!' : ''}`),
  };
  const parser = new Parser(handler as unknown as Handler, options);
  parser.write(markup);
  parser.end();
  return out;
}

const body = (markup: string): string => parseHTML(`<html><body>${markup}</body></html>`).document.body.innerHTML;

describe('htmlparser2 as patched (patches/htmlparser2@10.1.0.patch)', () => {
  it('is the patched parser, in both builds', () => {
    expect(esmEntry).not.toBe(commonjsEntry);
    for (const [, ParserOf] of BUILDS) expect(typeof (ParserOf.prototype as { popStack?: unknown }).popStack).toBe('function');
  });

  it('builds the trees it built before for stray, misnested and unclosed tags', () => {
    // An end tag closes the innermost open element of its name and every element inside it; one whose name is not open is dropped.
    expect(body('<div><b>x</div>y</b>')).toBe('<div><b>x</b></div>y');
    expect(body('<b><i>x</b>y</i>')).toBe('<b><i>x</i></b>y');
    expect(body('<div><div><div>x</div>y</div>z')).toBe('<div><div><div>x</div>y</div>z</div>');
    expect(body('<b><b><b>x</b>y')).toBe('<b><b><b>x</b>y</b></b>');
    expect(body('</i></div>x<i>y</b></i>z')).toBe('x<i>y</i>z');
    // A start tag closes the open elements it implies are done, innermost first, as long as the top is one of them.
    expect(body('<p>a<p>b</p></p>')).toBe('<p>a</p><p>b</p><p></p>');
    expect(body('<ul><li>a<li>b<b>c<li>d</ul>')).toBe('<ul><li>a</li><li>b<b>c<li>d</li></b></li></ul>');
    expect(body('<table><tr><td>a<td>b<tr><th>c<td>d</table>')).toBe('<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>');
    expect(body('<select><option>a<option>b<optgroup><option>c</select>x')).toBe('<select><option>a</option><option>b</option><optgroup><option>c</option></optgroup></select>x');
    expect(body('<p>a<div>b</p>c')).toBe('<p>a</p><div>b<p></p>c</div>');
    // Void elements, </br>, and self-closing tags in foreign content only (a stray </svg> does not change that).
    expect(body('a<br>b</br>c<img></img><hr/>d')).toBe('a<br>b<br>c<img><hr>d');
    expect(body('<svg><path/><g/></svg><div/>x')).toBe('<svg><path /><g /></svg><div>x</div>');
    expect(body('<math><mi/>x</math>y')).toBe('<math><mi>x</mi></math>y');
    expect(body('</svg><svg><b/></svg><b/>x')).toBe('<svg><b /></svg><b>x</b>');
    // Left open at the end: closed innermost first.
    expect(body('<div><section><span>x')).toBe('<div><section><span>x</span></section></div>');
  });

  it('makes its callbacks in the order and with the flags it did before', () => {
    expect(tags('<div><b><i>x</div>')).toEqual(['<div', '<b', '<i', '/i!', '/b!', '/div']);
    expect(tags('<b><b>x</b></b></b>')).toEqual(['<b', '<b', '/b', '/b']);
    expect(tags('<tr><td>a<tr>')).toEqual(['<tr', '<td', '/td!', '/tr!', '<tr', '/tr!']);
    expect(tags('</p></br><br/>')).toEqual(['<p!', '/p', '<br!', '/br', '<br', '/br!']);
    expect(tags('<svg><circle/></svg>')).toEqual(['<svg', '<circle', '/circle!', '/svg']);
    expect(tags('<div><span><i>')).toEqual(['<div', '<span', '<i', '/i!', '/span!', '/div!']);
    expect(tags('<a><b><a>x</a></b>', XML)).toEqual(['<a', '<b', '<a', '/a', '/b', '/a!']);
    expect(tags('<a><b/></c></a>', XML)).toEqual(['<a', '<b', '/b!', '/a']);
  });

  it('forgets the open elements on reset', () => {
    const seen: string[] = [];
    const parser = new Parser({ onclosetag: (name: string, implied: boolean) => seen.push(`/${name}${implied ? '!' : ''}`) } as unknown as Handler, HTML);
    parser.write('<div><b>x');
    parser.parseComplete('</b></div><i>y</b></i>');
    expect(seen).toEqual(['/i']);
  });

  it('emits what htmlparser2@8.0.2 emits for deep nesting and thousands of stray end tags', () => {
    const deep = `${'<div>'.repeat(5_000)}${'</b>'.repeat(5_000)}${'<b>'.repeat(5_000)}</div>${'<li>'.repeat(5_000)}`;
    // Compared as one string: a deep equality of 80,000 events would take seconds to walk.
    for (const options of [HTML, XML]) {
      const expected = events(ReferenceParser, deep, options).join('\n');
      for (const [, ParserOf] of BUILDS) expect(events(ParserOf, deep, options).join('\n')).toBe(expected);
    }
  });

  it('emits what htmlparser2@8.0.2 emits for random tag soup', () => {
    const names = ['p', 'li', 'ul', 'td', 'th', 'tr', 'tbody', 'table', 'div', 'b', 'i', 'span', 'br', 'img', 'hr', 'input', 'option', 'optgroup', 'select', 'button', 'svg', 'math', 'mi', 'desc', 'foreignobject', 'dd', 'dt', 'rt', 'body', 'head', 'P', 'Div', 'SVG'];
    const name = fc.constantFrom(...names);
    const piece = fc.oneof(
      name.map((tag) => `<${tag}>`),
      name.map((tag) => `</${tag}>`),
      name.map((tag) => `<${tag}/>`),
      fc.constantFrom('x', ' y ', '<!-- c -->', '<b class="k">', '<path d="1"/>', '<![CDATA[q]]>', '<!doctype html>'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.constantFrom(HTML, XML, {}), (pieces, options) => {
        const markup = pieces.join('');
        const expected = events(ReferenceParser, markup, options);
        for (const [, ParserOf] of BUILDS) expect(events(ParserOf, markup, options)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
