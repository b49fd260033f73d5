import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { preparedQuery, statementName } from './prepared.js';

/** One read statement of a request: `$1`… number its own `params`. */
export interface TripPart {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A row as `row_to_json` writes it: timestamps as ISO strings, arrays and JSON as themselves. */
export type JsonRow = Record<string, unknown>;

const trips = new WeakMap<EntityManager, DataLoader<TripPart, JsonRow[]>>();

/**
 * Read statements a request issues in the same tick (a chart's lists and its timeline: one
 * nesting level of the query) leave as one statement — one round trip — each part's rows
 * aggregated as JSON in a row of its own. Rows come back in no particular order: each part
 * selects what its caller sorts by. Per entity manager, so per request (and per transaction).
 */
export function readTrip(em: EntityManager): DataLoader<TripPart, JsonRow[]> {
  let trip = trips.get(em);
  if (!trip) {
    trip = new DataLoader<TripPart, JsonRow[]>(
      async (parts) => {
        const values: unknown[] = [];
        const selects = parts.map((part, index) => {
          const offset = values.length;
          values.push(...part.params);
          const sql = part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
          return `select ${index} as part, coalesce((select json_agg(p) from (${sql}) p), '[]'::json) as rows`;
        });
        const text = selects.join('\nunion all\n');
        const found = await preparedQuery<{ part: number; rows: JsonRow[] }>(em, statementName(text), text, values);
        const byPart = new Map(found.map((row) => [row.part, row.rows]));
        return parts.map((_, index) => byPart.get(index) ?? []);
      },
      // Dispatched after the loads of the same tick, and after the batches already scheduled then:
      // loaders that reach this through their own batches (a list's pages, a prefetched child's)
      // join the same trip when their loads came first (patient.service.ts starts the chart's
      // before the patient's own read). No later than that: a statement waiting for the event
      // loop's next turn leaves PostgreSQL idle while other requests' work runs.
      { cache: false, maxBatchSize: 20 },
    );
    trips.set(em, trip);
  }
  return trip;
}

/**
 * `$n` as a condition that a column is one of `ids`, and the value to bind: `= $n::uuid` for one id,
 * `= any($n::uuid[])` for more. With an array, PostgreSQL judges a generic plan dearer than one
 * planned for the values and plans the statement again on every execution (for the chart's one
 * statement, planning cost more than executing); with one id, it keeps the generic plan.
 */
export function uuidIn(n: number, ids: readonly string[]): { sql: string; param: string | readonly string[] } {
  return ids.length === 1 ? { sql: `= $${n}::uuid`, param: ids[0]! } : { sql: `= any($${n}::uuid[])`, param: ids };
}
