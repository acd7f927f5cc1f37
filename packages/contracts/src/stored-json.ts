import type { z } from 'zod';

/**
 * A record kept in Redis as JSON, read back against its schema: the record,
 * or null when the text is no JSON (cut short, written by hand) or does not
 * fit the schema (written by another version). One bad record is skipped by
 * its reader, never fatal to every other (a saved search, a WebSub
 * subscription, a delivery log line, a published match).
 */
export function parseStored<Schema extends z.ZodType>(schema: Schema, raw: string): z.infer<Schema> | null {
  let value: unknown;
  try {
    value = JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data as z.infer<Schema>) : null;
}
