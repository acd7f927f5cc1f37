import { tagOf } from '../content/dom-measure.js';

/** Elements whose text is not printed on the page. */
const UNPRINTED = new Set(['script', 'style', 'noscript', 'template', 'svg']);

/** How far a walk reads and where it goes. */
export interface TextWalkOptions {
  /** Text nodes read at most. */
  limit: number;
  /** Whether to read inside an element (printed ones only are asked). */
  enters?: (element: Element) => boolean;
}

/**
 * Visits the first `limit` text nodes under `root` in document order,
 * outside elements whose text is not printed and those `enters` refuses,
 * with the element holding each; stops when `visit` returns true.
 */
export function walkTexts(root: Element, visit: (node: Node, parent: Element) => boolean | void, { limit, enters = () => true }: TextWalkOptions): void {
  let seen = 0;
  let stopped = false;
  const walk = (element: Element): void => {
    for (let node = element.firstChild; node && !stopped && seen < limit; node = node.nextSibling) {
      if (node.nodeType === 3) {
        seen += 1;
        stopped = visit(node, element) === true;
      } else if (node.nodeType === 1 && !UNPRINTED.has(tagOf(node as Element)) && enters(node as Element)) walk(node as Element);
    }
  };
  walk(root);
}
