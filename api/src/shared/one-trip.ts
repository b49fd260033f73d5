import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { preparedQuery, statementName } from './prepared.js';

/** One read statement of a request: `$1`… number its own `params`. */
export interface TripPart {
  readonly sql: string;
  readonly params: readonly unknown[];
  /**
   * The order of the part's rows, by their columns (`p.starts_at desc, p.id desc`): they come in
   * that order (aggregated so); without it, in no particular order.
   */
  readonly order?: string | undefined;
}

/** A row as `row_to_json` writes it: timestamps as ISO strings, arrays and JSON as themselves. */
export type JsonRow = Record<string, unknown>;

const trips = new WeakMap<EntityManager, DataLoader<TripPart, JsonRow[]>>();

/**
 * Read statements a request issues in the same tick (a chart's lists and its timeline: one
 * nesting level of the query) leave as one statement — one round trip — each part's rows
 * aggregated as JSON in a row of its own. Rows come back in the part's `order`, or in no
 * particular order: the part then selects what its caller sorts by. Per entity manager, so per
 * request (and per transaction).
 */
export function readTrip(em: EntityManager): DataLoader<TripPart, JsonRow[]> {
  let trip = trips.get(em);
  if (!trip) {
    trip = new DataLoader<TripPart, JsonRow[]>(
      async (parts) => {
        const values: unknown[] = [];
        for (const part of parts) {
          values.push(...part.params);
        }
        const { text, name } = tripStatement(parts);
        const found = await preparedQuery<{ part: number; rows: JsonRow[] }>(em, name, text, values);
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

/** A trip's statement for the parts' texts so far, and (at the end of the parts) the whole. */
interface TripText {
  /** By the next part's text, then by its number of parameters. */
  readonly next: Map<string, Map<number, TripText>>;
  text?: string;
  name?: string | undefined;
}

const tripTexts: TripText = { next: new Map() };
/**
 * Trips' statements kept at most (then made afresh each time, as the names of generated statements
 * are); each holds at most as many nodes as a trip has parts (`maxBatchSize`).
 */
export const MAX_TRIP_STATEMENTS = 500;
let keptTripStatements = 0;

/**
 * The one statement of `parts` (each part's `$n` renumbered after the parts before it) and its
 * prepared statement's name: made once per sequence of part texts (the same selection sends the
 * same texts), not joined, renumbered and hashed again on every request.
 */
export function tripStatement(parts: readonly TripPart[]): { text: string; name: string | undefined } {
  // Once full, known statements are still found; no new one is kept.
  const full = keptTripStatements >= MAX_TRIP_STATEMENTS;
  let node: TripText | undefined = tripTexts;
  for (const part of parts) {
    const key = part.order === undefined ? part.sql : `${part.sql}\u0000${part.order}`;
    let byCount: Map<number, TripText> | undefined = node.next.get(key);
    let child: TripText | undefined = byCount?.get(part.params.length);
    if (!child) {
      if (full) {
        node = undefined;
        break;
      }
      if (!byCount) {
        byCount = new Map();
        node.next.set(key, byCount);
      }
      child = { next: new Map() };
      byCount.set(part.params.length, child);
    }
    node = child;
  }
  if (node?.text !== undefined) {
    return { text: node.text, name: node.name };
  }
  let offset = 0;
  const text = parts
    .map((part, index) => {
      const at = offset;
      offset += part.params.length;
      const sql = part.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + at}`);
      const order = part.order === undefined ? '' : ` order by ${part.order}`;
      return `select ${index} as part, coalesce((select json_agg(p${order}) from (${sql}) p), '[]'::json) as rows`;
    })
    .join('\nunion all\n');
  const name = statementName(text);
  if (node && !full) {
    node.text = text;
    node.name = name;
    keptTripStatements += 1;
  }
  return { text, name };
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

/**
 * The values of one trip part's statement, each bound where it is written: `bind(id, 'uuid')` adds
 * the value and gives `$n::uuid`, numbered in the order bound (each part numbers its own from `$1`).
 */
export class PartParams {
  readonly values: unknown[] = [];

  bind(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}
