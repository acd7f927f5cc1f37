import type { ParsedFeed } from '@tidings/contracts';
import type { CorpusCase } from './corpus-case.js';

/** Markup that can run code or restyle the reader's page, anywhere in a summary or body. */
const UNSAFE = /<script|<iframe|<object|<embed|<style|<form|<input|<meta|<base|<link|<svg|\son[a-z]+\s*=|javascript:|vbscript:|data:|style=/i;

/** Fails when any item's summary or content still holds unsafe markup. */
function noUnsafeMarkup(parsed: ParsedFeed): void {
  for (const item of parsed.items) {
    for (const html of [item.summary, item.contentHtml]) {
      if (html !== null && UNSAFE.test(html)) throw new Error(`unsafe markup survived: ${html}`);
    }
  }
}

const sanitised = (file: string, checks: string, summary: string | null, contentHtml: string | null = null): CorpusCase => ({
  file: `sanitising/${file}`,
  checks,
  items: [{ summary, contentHtml }],
  verify: noUnsafeMarkup,
  warnings: 'none',
});

/** Summaries and content are sanitised HTML: no scripts, handlers, javascript: URLs, frames, forms or styles. */
export const SANITISING_CASES: CorpusCase[] = [
  sanitised('script-tags.xml', 'script elements go, with their code', '<p>Before after</p>'),
  sanitised('event-handlers.xml', 'on* handler attributes go; the elements stay', '<p>Text <img src="https://corpus.example/a.png" alt="a" /></p>x'),
  sanitised(
    'javascript-urls.xml',
    'javascript: (in any case, after spaces) and vbscript: hrefs go; http links stay',
    '<a>one</a> <a>two</a> <a>three</a> <a href="https://ok.example/">four</a>',
  ),
  sanitised('data-urls.xml', 'data: URLs in src and href go', '<img alt="svg" /><a>data</a>'),
  sanitised('iframes-objects-embeds.xml', 'iframe, object, embed and applet go', '<p>Video:</p>'),
  sanitised('style-and-forms.xml', 'style elements and attributes, forms, inputs and textareas go', '<p>Styled</p>Go'),
  sanitised('meta-and-base.xml', 'meta refresh, base and stylesheet links go', '<p>Body</p>'),
  sanitised('svg-and-math.xml', 'SVG (with its onload and script) and MathML go', 'x<p>After</p>'),
  sanitised(
    'tracking-pixel.xml',
    '1x1 tracking images go; real images stay',
    '<p>Story</p><img src="https://unsafe.example/real.jpg" width="600" height="400" alt="Real" />',
  ),
  sanitised(
    'srcset-and-media.xml',
    'picture, source, srcset and video keep their URLs, made absolute; autoplay goes',
    '<picture><source srcset="https://corpus.example/small.jpg 1x, https://corpus.example/large.jpg 2x" type="image/jpeg"></source><img src="https://corpus.example/small.jpg" srcset="https://corpus.example/small.jpg 480w, https://corpus.example/large.jpg 1024w" sizes="50vw" alt="pic" /></picture><video src="https://corpus.example/clip.mp4" poster="https://corpus.example/poster.jpg" controls></video>',
  ),
  sanitised('content-encoded-unsafe.xml', 'content:encoded is sanitised like the description', 'Safe summary', '<p>Content <a>link</a></p>'),
  sanitised('escaped-script.xml', 'entity-escaped script and onerror in a description are sanitised once unescaped', '<p>Hi</p><img src="https://corpus.example/x" />'),
  sanitised('comments-and-cdata-in-html.xml', 'HTML comments hiding a script go', '<p>Visible text</p>'),
  {
    file: 'sanitising/escaped-script.xml',
    checks: 'an escaped script in a title leaves only the title text',
    items: [{ title: 'Title' }],
  },
  {
    file: 'sanitising/atom-xhtml-unsafe.xml',
    checks: 'Atom xhtml content and html summaries are sanitised (handlers, script, javascript:, iframe)',
    items: [{ summary: '<b>bold</b>', contentHtml: '<p>Click</p><a>link</a>' }],
    verify: noUnsafeMarkup,
    warnings: 'none',
  },
  {
    file: 'sanitising/json-unsafe.json',
    checks: 'JSON Feed content_html is sanitised; its summary is plain text, escaped',
    items: [{ contentHtml: '<p>Hi<img src="https://unsafe.example/x.png" /></p><a>x</a>', summary: '&lt;b&gt;sum&lt;/b&gt;&lt;style&gt;*{}&lt;/style&gt;' }],
    verify: noUnsafeMarkup,
    warnings: 'none',
  },
];
