import { InMemoryCache, type FieldPolicy, type Reference } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { Kind } from 'graphql';

interface Edge {
  readonly node?: Reference | { readonly id?: string } | null;
  readonly cursor?: string;
}
interface Page {
  readonly edges?: readonly Edge[];
  readonly pageInfo?: { readonly hasNextPage?: boolean; readonly endCursor?: string | null };
}

/** A value as text with object keys sorted, so equal filters give one key. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

type KeyArgsFunction = Extract<FieldPolicy['keyArgs'], (...args: never[]) => unknown>;

/**
 * The list's key: its filter arguments (`filters`), and apart from lists a query reads only counts
 * of (`totalCount` without `edges`, e.g. a badge), which must not pass for an empty list.
 */
function listKey(filters: readonly string[]): KeyArgsFunction {
  return (args, { field }) => {
    const picked = Object.fromEntries(filters.map((name) => [name, args?.[name]]));
    const countOnly =
      field?.selectionSet?.selections.every((s) => s.kind === Kind.FIELD && s.name.value !== 'edges') ?? false;
    return `${canonical(picked)}${countOnly ? ':count' : ''}`;
  };
}

/** A node's identity: its cache reference, or its id when the node is not normalised. */
function identity(edge: Edge): string | undefined {
  const node: { __ref?: string; id?: string } | null | undefined = edge.node;
  return node?.__ref ?? node?.id;
}

/**
 * The edges of `before` still to keep after a fresh page: those after the page's last node that
 * `before` also holds (none when the two do not meet — never a list with a gap), less the page's own.
 */
function tailAfter(before: readonly Edge[], page: readonly Edge[]): Edge[] {
  const ids = before.map(identity);
  let lastShared = -1;
  for (let i = page.length - 1; i >= 0 && lastShared < 0; i -= 1) {
    lastShared = ids.indexOf(identity(page[i]!));
  }
  if (lastShared < 0) {
    return [];
  }
  const fresh = new Set(page.map(identity));
  return before.slice(lastShared + 1).filter((edge) => !fresh.has(identity(edge)));
}

/** The list without a node shown twice (the first place kept). */
function once(edges: readonly Edge[]): readonly Edge[] {
  const seen = new Set<string>();
  const kept = edges.filter((edge) => {
    const id = identity(edge);
    if (id === undefined) {
      return true;
    }
    const repeated = seen.has(id);
    seen.add(id);
    return !repeated;
  });
  return kept.length === edges.length ? edges : kept;
}

/**
 * A paged list (a Relay connection, paged forwards with `after`), built on Apollo Client's
 * `relayStylePagination`: `fetchMore({ variables: { after } })` appends the next page to the list
 * kept under the field's `keyArgs` (its filters: each filter its own list), a node already shown is
 * not shown twice, and a removed node (evicted) drops out.
 *
 * Unlike the stock policy, the first page read again (a refetch after a change, a live event, a
 * new message) does not drop the pages loaded after it: the fresh first page replaces the front of
 * the list, and the loaded ones after the last node both share stay — when the two overlap. When
 * they do not (more changed than a page holds), the first page alone is kept, never a list with a
 * gap. The pages kept are shown but not yet read again: `pageInfo` says the list is read up to the
 * fresh page (its `endCursor`, `hasNextPage`), so the next page fetched (`useLoadMore` reads the
 * pages loaded again after a refetch) is the one right after it — an item new there shows — and it
 * replaces the kept ones it covers in turn. A refetch merges only with
 * `refetchWritePolicy: 'merge'` (the client's default here, see `createApolloClient`).
 */
export function pagedList(filters: readonly string[] = []): FieldPolicy<Page, Page> {
  const relay = relayStylePagination(listKey(filters)) as unknown as FieldPolicy<Page, Page>;
  const relayMerge = relay.merge as Exclude<FieldPolicy<Page, Page>['merge'], boolean | undefined>;
  return {
    ...relay,
    merge(existing, incoming, options) {
      const merged = relayMerge(existing, incoming, options);
      if (!existing?.edges?.length || !incoming?.edges || !merged.edges) {
        return merged;
      }
      const after = options.args?.['after'] as string | undefined;
      // What the fresh page may leave of the list as it was: everything after its `after` cursor.
      const at = after ? existing.edges.findIndex((edge) => edge.cursor === after) : -1;
      const following = after ? (at >= 0 ? existing.edges.slice(at + 1) : []) : existing.edges;
      const page = merged.edges.slice(merged.edges.length - incoming.edges.length);
      const tail = incoming.pageInfo?.hasNextPage ? tailAfter(following, page) : [];
      const edges = once(tail.length ? [...merged.edges, ...tail] : merged.edges);
      return edges === merged.edges ? merged : { ...merged, edges };
    },
  };
}

/**
 * Every paged list the dashboards read, each keyed by its filter arguments (all but `after` and
 * `first`; `cache.test.ts` checks this against the schema), so that "Load more" is just
 * `fetchMore({ variables: { after } })` and a refetch keeps the pages loaded.
 */
export const PAGED_LISTS: Readonly<Record<string, Readonly<Record<string, false | readonly string[]>>>> = {
  Query: {
    accessAlerts: ['status'],
    admissions: ['current', 'hospitalId'],
    apiClients: false,
    appointmentChanges: false,
    appointments: ['filter'],
    auditEvents: ['actorId', 'entityId', 'from', 'name', 'patientId', 'to'],
    claimChanges: false,
    claims: ['status'],
    doctors: ['departmentId', 'hospitalId', 'includeInactive', 'search', 'specialization'],
    erasureRequests: ['status'],
    invoices: ['overdue', 'patientId', 'search', 'status'],
    messageThreads: false,
    myAccessLog: false,
    notifications: ['unreadOnly'],
    patients: ['orderBy', 'search'],
    webhookDeliveries: ['webhookId'],
  },
  Patient: {
    appointments: false,
    labOrders: ['code'],
    medicalHistoryChanges: false,
    medicalRecords: false,
    prescriptions: ['status'],
    timeline: false,
  },
  MessageThread: {
    messages: false,
  },
};

/** The dashboards' cache: paged lists grow with "Load more" and keep their pages through refetches. */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: Object.fromEntries(
      Object.entries(PAGED_LISTS).map(([type, fields]) => [
        type,
        {
          fields: Object.fromEntries(
            Object.entries(fields).map(([field, keyArgs]) => [field, pagedList(keyArgs === false ? [] : keyArgs)]),
          ),
        },
      ]),
    ),
  });
}
