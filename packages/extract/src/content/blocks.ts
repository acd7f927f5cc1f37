import { isBlankNode, isBlockish, isElement, tagOf } from './dom-measure.js';

/**
 * Layout elements the sanitiser unwraps. Text sitting loose in them would be
 * glued to its neighbours once the tags are gone ("<div>One</div><div>Two</div>"
 * -> "OneTwo"), so it is wrapped in <p> first.
 */
const CONTAINER_TAGS = new Set([
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'center',
  'body',
  'form',
  'fieldset',
  'details',
  'span',
  'font',
]);

/**
 * Wraps runs of loose text and inline elements inside layout containers in
 * <p> elements, splitting runs at double <br> (the old way of writing
 * paragraphs, common in feed content). Runs that hold no text are left alone.
 */
export function wrapLooseText(root: Element): void {
  // Children first, so that the blockish test of a parent sees the <p>s just made.
  const containers = [root, ...root.querySelectorAll([...CONTAINER_TAGS].join(', '))].reverse();
  for (const container of containers) {
    if (!CONTAINER_TAGS.has(tagOf(container)) && container !== root) continue;
    const children = [...container.childNodes];
    // A span or font with no block inside is phrasing content itself: leave it to its parent.
    const inline = tagOf(container) === 'span' || tagOf(container) === 'font';
    if (inline && container !== root && !children.some(isBlockish)) continue;
    wrapRuns(container, children);
  }
}

function wrapRuns(container: Element, children: ChildNode[]): void {
  let run: ChildNode[] = [];
  const flush = (): void => {
    const paragraphs = splitAtDoubleBreaks(run);
    for (const nodes of paragraphs) {
      if (!nodes.some((node) => (node.textContent ?? '').trim() !== '')) continue;
      const first = nodes[0];
      if (!first) continue;
      const p = container.ownerDocument.createElement('p');
      container.insertBefore(p, first);
      for (const node of nodes) p.appendChild(node);
    }
    // Breaks that separated paragraphs have no job left.
    for (const node of run) {
      if (isElement(node) && tagOf(node) === 'br' && node.parentNode === container) node.remove();
    }
    run = [];
  };
  for (const child of children) {
    if (isBlockish(child)) flush();
    else run.push(child);
  }
  flush();
}

/** Splits a run of phrasing nodes where two or more <br> follow each other (blank text between allowed). */
function splitAtDoubleBreaks(run: ChildNode[]): ChildNode[][] {
  const groups: ChildNode[][] = [[]];
  let pendingBreaks: ChildNode[] = [];
  for (const node of run) {
    if (isElement(node) && tagOf(node) === 'br') {
      pendingBreaks.push(node);
      continue;
    }
    if (isBlankNode(node) && pendingBreaks.length > 0) {
      pendingBreaks.push(node);
      continue;
    }
    const breaks = pendingBreaks.filter((pending) => isElement(pending)).length;
    const current = groups[groups.length - 1] ?? [];
    if (breaks >= 2) groups.push([node]);
    else {
      current.push(...pendingBreaks, node);
    }
    pendingBreaks = [];
  }
  return groups;
}
