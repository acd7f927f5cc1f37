/** What a person answers when `subscribe` asks which of several feeds a page offers. */

/**
 * Reads a choice among `count` numbered feeds: "2", "1,3", "1 3", "all"/"a".
 * Returns the chosen indexes (0-based, in order, without duplicates), or
 * null when the answer is not a valid choice.
 */
export function parseChoice(answer: string, count: number): number[] | null {
  const text = answer.trim().toLowerCase();
  if (text === 'a' || text === 'all') return Array.from({ length: count }, (_, index) => index);
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const chosen: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return null;
    const number = Number(part);
    if (number < 1 || number > count) return null;
    if (!chosen.includes(number - 1)) chosen.push(number - 1);
  }
  return chosen;
}
