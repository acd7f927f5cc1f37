import { describe, expect, it } from 'vitest';
import { parseFragment } from '../dom.js';
import { walkTexts } from './text-walk.js';

describe('walkTexts', () => {
  const read = (html: string, limit: number, enters?: (element: Element) => boolean, stopAt?: string): string[] => {
    const seen: string[] = [];
    walkTexts(parseFragment(html), (node) => seen.push(node.nodeValue ?? '') > 0 && node.nodeValue === stopAt, { limit, enters });
    return seen;
  };

  it('reads printed text nodes in document order, up to the limit', () => {
    const html = '<p>one<b>two</b></p><script>no</script><style>no</style><noscript>no</noscript><template>no</template><svg><text>no</text></svg><p>three</p><p>four</p>';
    expect(read(html, 10)).toEqual(['one', 'two', 'three', 'four']);
    expect(read(html, 3)).toEqual(['one', 'two', 'three']);
  });

  it('leaves out what `enters` refuses, and stops when the visit says so', () => {
    expect(read('<p>one <a>link</a> two</p><p>three</p>', 10, (element) => element.localName !== 'a')).toEqual(['one ', ' two', 'three']);
    expect(read('<p>one</p><p>two</p><p>three</p>', 10, undefined, 'two')).toEqual(['one', 'two']);
  });
});
