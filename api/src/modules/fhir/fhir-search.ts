import { AppError, badInput } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageArgs } from '../../shared/pagination.js';

/**
 * The search parameters of one FHIR search, checked before any SQL: only the parameters the
 * resource type supports (anything else is BAD_USER_INPUT naming it), `_count` capped at the
 * API's page limit, `_cursor` (the keyset cursor a `next` link carries) and `_elements`.
 */
export class SearchParams {
  private constructor(private readonly values: ReadonlyMap<string, readonly string[]>) {}

  static parse(query: URLSearchParams, supported: readonly string[]): SearchParams {
    const values = new Map<string, string[]>();
    for (const [name, value] of query) {
      if (name === '_format') {
        if (!/json/.test(value)) {
          throw badInput([{ field: '_format', message: 'only JSON is served' }]);
        }
        continue;
      }
      if (!['_count', '_cursor', '_elements', ...supported].includes(name)) {
        throw badInput([{ field: name, message: 'is not a supported search parameter here' }]);
      }
      if (value.includes('\u0000') || value.length > 500) {
        throw badInput([{ field: name, message: 'is not a valid value' }]);
      }
      values.set(name, [...(values.get(name) ?? []), value]);
    }
    return new SearchParams(values);
  }

  /** The one value of a parameter (a repeated one is refused). */
  one(name: string): string | undefined {
    const all = this.values.get(name);
    if (all && all.length > 1) {
      throw badInput([{ field: name, message: 'may be given once' }]);
    }
    return all?.[0];
  }

  all(name: string): readonly string[] {
    return this.values.get(name) ?? [];
  }

  /** `_count` and `_cursor` as the shared keyset pagination takes them; `_count` is capped. */
  page(): PageArgs {
    const count = this.one('_count');
    let first = DEFAULT_PAGE_SIZE;
    if (count !== undefined) {
      if (!/^\d{1,6}$/.test(count) || Number(count) < 1) {
        throw badInput([{ field: '_count', message: 'must be a whole number of at least 1' }]);
      }
      first = Math.min(Number(count), MAX_PAGE_SIZE);
    }
    return { first, after: this.one('_cursor') ?? null };
  }

  /** The query string of these parameters with `_cursor` replaced: for `self` and `next` links. */
  linkQuery(cursor: string | null): string {
    const query = new URLSearchParams();
    for (const [name, values] of this.values) {
      if (name !== '_cursor') {
        values.forEach((value) => query.append(name, value));
      }
    }
    if (cursor) {
      query.set('_cursor', cursor);
    }
    return query.toString();
  }
}

/** A reference parameter (`patient=Patient/<id>` or `patient=<id>`) as an id. */
export function referenceId(value: string, type: 'Patient' | 'Practitioner', field: string): string {
  const id = value.startsWith(`${type}/`) ? value.slice(type.length + 1) : value;
  if (!isUuid(id)) {
    throw badInput([{ field, message: `must be a ${type} reference (${type}/<id>)` }]);
  }
  return id.toLowerCase();
}

export type Comparator = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le';
const DATE = /^(eq|ne|gt|lt|ge|le)?(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2}))?)$/;

/** A date parameter with its prefix (`ge2026-01-01`, `lt2026-02-01T00:00:00Z`). */
export function dateParam(value: string, field: string): { comparator: Comparator; value: string; instant: Date } {
  const match = DATE.exec(value);
  const instant = match ? new Date(match[2]!.length === 10 ? `${match[2]}T00:00:00Z` : match[2]!) : undefined;
  if (!match || !instant || Number.isNaN(instant.getTime()) || instant.getUTCFullYear() < 1) {
    throw badInput([
      { field, message: 'must be a date (YYYY-MM-DD or an instant), optionally prefixed by eq, gt, lt, ge or le' },
    ]);
  }
  return { comparator: (match[1] ?? 'eq') as Comparator, value: match[2]!, instant };
}

/** A token parameter's code: `system|code` or `code`, checked against the system when given. */
export function tokenCode(value: string, system: string, field: string): string {
  const bar = value.indexOf('|');
  if (bar >= 0 && value.slice(0, bar) !== system) {
    throw badInput([{ field, message: `codes are searched in ${system}` }]);
  }
  return bar >= 0 ? value.slice(bar + 1) : value;
}

/** Unknown resource types and ids answer 404 without echoing the caller's text. */
export const unsupportedType = (): AppError =>
  new AppError('NOT_FOUND', 'This resource type is not served by this FHIR endpoint.');
export const unknownResource = (type: string): AppError => new AppError('NOT_FOUND', `${type} not found.`);
