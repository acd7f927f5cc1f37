import type { PoolClient } from 'pg';

/** How long the lexeme statistics are reused before being read again. */
const STATS_TTL_MS = 5 * 60_000;
/** Counting stops here: beyond it a term is common enough that the exact number hardly changes its weight. */
const COUNT_CAP = 1_000;

interface LexemeStats {
  at: number;
  /** Fraction of articles having each of the most common lexemes. */
  frequency: Map<string, number>;
}

/**
 * Document frequencies of terms for similar(). PostgreSQL has no cheap
 * per-lexeme document count (FTS5 has its vocabulary table), so: the most
 * common lexemes come from the planner's own statistics (ANALYZE records
 * them for tsvector columns in pg_stats.most_common_elems), and the rest,
 * which are rare by definition, are counted through the GIN index, capped.
 * Before the first ANALYZE every term is counted (the table is then small).
 */
export class DocumentFrequencies {
  private stats: LexemeStats | null = null;

  async lookup(client: PoolClient, terms: string[], articles: number): Promise<Map<string, number>> {
    const common = (await this.common(client)).frequency;
    const result = new Map<string, number>();
    const rare: string[] = [];
    for (const term of terms) {
      const frequency = common.get(term);
      if (frequency === undefined) rare.push(term);
      else result.set(term, Math.max(1, Math.round(frequency * articles)));
    }
    if (rare.length > 0) {
      const counted = await client.query<{ term: string; n: number }>(
        `SELECT t.term, (SELECT count(*)::integer FROM (SELECT 1 FROM articles WHERE tsv @@ quote_literal(t.term)::tsquery LIMIT $2) AS s) AS n
         FROM unnest($1::text[]) AS t(term)`,
        [rare, COUNT_CAP],
      );
      for (const row of counted.rows) result.set(row.term, row.n);
    }
    return result;
  }

  /** Reads the statistics again on the next lookup. */
  forget(): void {
    this.stats = null;
  }

  private async common(client: PoolClient): Promise<LexemeStats> {
    if (this.stats && Date.now() - this.stats.at < STATS_TTL_MS) return this.stats;
    const found = await client.query<{ elems: string[] | null; freqs: number[] | null }>(
      `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
       FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'articles' AND attname = 'tsv'`,
    );
    const row = found.rows[0];
    const frequency = new Map<string, number>();
    // most_common_elem_freqs has one frequency per element, then min, max and null fraction.
    row?.elems?.forEach((lexeme, i) => frequency.set(lexeme, row.freqs?.[i] ?? 0));
    this.stats = { at: Date.now(), frequency };
    return this.stats;
  }
}
