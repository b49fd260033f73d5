import { InMemoryCache, type FieldPolicy, type Reference } from '@apollo/client';

interface Page {
  readonly edges: readonly { readonly node: Reference }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
  readonly totalCount?: number;
}

/**
 * A newest-first connection that grows both ways: older pages (`after`) append, and the newest
 * page again (a refetch when a message arrives) replaces the newest part while the older pages
 * already loaded stay — when the two overlap. When they do not (more arrived than a page holds),
 * the newest page alone is kept, never a list with a gap. A query refetched this way needs
 * `refetchWritePolicy: 'merge'` (Apollo otherwise hands a refetch's merge no existing list).
 */
export function newestFirstPages(): FieldPolicy<Page, Page> {
  return {
    keyArgs: false,
    merge(existing, incoming, { args, readField }) {
      if (!existing) {
        return incoming;
      }
      const id = (edge: { readonly node: Reference }) => readField<string>('id', edge.node);
      if (args?.['after']) {
        const known = new Set(existing.edges.map(id));
        return { ...incoming, edges: [...existing.edges, ...incoming.edges.filter((edge) => !known.has(id(edge)))] };
      }
      const fresh = new Set(incoming.edges.map(id));
      const overlaps = existing.edges.some((edge) => fresh.has(id(edge)));
      if (!overlaps || !incoming.pageInfo.hasNextPage) {
        return incoming;
      }
      const older = existing.edges.filter((edge) => !fresh.has(id(edge)));
      return older.length === 0
        ? incoming
        : { ...incoming, edges: [...incoming.edges, ...older], pageInfo: existing.pageInfo };
    },
  };
}

/** The dashboards' cache: a conversation keeps the older messages it loaded when new ones arrive. */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      MessageThread: { fields: { messages: newestFirstPages() } },
    },
  });
}
