/**
 * What the tree builder (xml-document.ts) keeps about the elements open at
 * a point: how many have each name, and which namespace prefixes they
 * bind. Both answer in O(1) and are updated as elements open and close, so
 * that building a tree stays linear however deep the document nests.
 */

/**
 * Namespace prefixes an element's xmlns attributes declared, and the
 * bindings of elements closed for it (an item left open when the next one
 * starts), which stay in scope inside it as they are where it was written.
 * Taking them over is a reference, not a copy, so a chain of unclosed items
 * costs nothing per item.
 */
export interface Bindings {
  prefixes: string[];
  taken: Bindings[];
}

/** How many open elements have each name: a name with none is answered without scanning the stack. */
export class NameCounts {
  private readonly counts = new Map<string, number>();

  has(name: string): boolean {
    return (this.counts.get(name) ?? 0) > 0;
  }

  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  remove(name: string): void {
    const count = (this.counts.get(name) ?? 0) - 1;
    if (count > 0) this.counts.set(name, count);
    else this.counts.delete(name);
  }
}

/**
 * The namespace prefixes in scope: each prefix's bindings as a stack, the
 * innermost last. Elements push what they declare and pop it when they
 * close, so opening an element costs what it declares, not a copy of every
 * binding in scope (which made deeply nested declarations quadratic).
 */
export class NamespaceScope {
  private readonly bindings = new Map<string, string[]>();

  /** The URI `prefix` ('' for the default namespace) is bound to here. */
  get(prefix: string): string | undefined {
    const stack = this.bindings.get(prefix);
    return stack === undefined ? undefined : stack[stack.length - 1];
  }

  declare(prefix: string, uri: string): void {
    const stack = this.bindings.get(prefix);
    if (stack === undefined) this.bindings.set(prefix, [uri]);
    else stack.push(uri);
  }

  /** Undoes `bindings` and every binding it took over (each binding is undone once, so this is linear overall). */
  undeclare(bindings: Bindings): void {
    const pending = [bindings];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      for (const prefix of next.prefixes) {
        const stack = this.bindings.get(prefix);
        stack?.pop();
        if (stack?.length === 0) this.bindings.delete(prefix);
      }
      for (const taken of next.taken) pending.push(taken);
    }
  }
}
