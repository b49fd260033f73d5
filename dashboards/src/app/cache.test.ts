import { gql } from '@apollo/client';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaText from '../../../schema/schema.graphql?raw';
import { createCache, PAGED_LISTS } from './cache';

const THREAD = gql`
  query Thread($id: ID!, $after: String) {
    messageThread(id: $id) {
      id
      messages(first: 2, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            body
          }
        }
      }
    }
  }
`;

interface Answer {
  messageThread: {
    messages: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string } }[];
    };
  };
}

const page = (ids: string[], hasNextPage: boolean, totalCount: number) => ({
  messageThread: {
    __typename: 'MessageThread',
    id: 't1',
    messages: {
      __typename: 'MessageConnection',
      totalCount,
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: ids.at(-1) ?? null },
      edges: ids.map((id) => ({ __typename: 'MessageEdge', node: { __typename: 'Message', id, body: `body ${id}` } })),
    },
  },
});

function write(cache: ReturnType<typeof createCache>, data: object, after?: string) {
  cache.writeQuery({ query: THREAD, variables: { id: 't1', ...(after ? { after } : {}) }, data });
}

function ids(cache: ReturnType<typeof createCache>) {
  const read = cache.readQuery<Answer>({ query: THREAD, variables: { id: 't1' } });
  return {
    ids: read?.messageThread.messages.edges.map((edge) => edge.node.id),
    pageInfo: read?.messageThread.messages.pageInfo,
    totalCount: read?.messageThread.messages.totalCount,
  };
}

describe('a conversation in the cache (newest first, paged)', () => {
  it('appends an older page, and keeps it when the newest page is read again with a new message', () => {
    const cache = createCache();
    write(cache, page(['m5', 'm4'], true, 5));
    write(cache, page(['m3', 'm2'], true, 5), 'm4');
    expect(ids(cache).ids).toEqual(['m5', 'm4', 'm3', 'm2']);

    write(cache, page(['m6', 'm5'], true, 6));
    // The older messages stay shown; the list counts as read up to the fresh page.
    expect(ids(cache)).toEqual({
      ids: ['m6', 'm5', 'm4', 'm3', 'm2'],
      pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'm5' },
      totalCount: 6,
    });
    write(cache, page(['m4', 'm3'], true, 6), 'm5');
    expect(ids(cache).ids).toEqual(['m6', 'm5', 'm4', 'm3', 'm2']);
    expect(ids(cache).pageInfo?.endCursor).toBe('m3');
  });

  it('starts over from the newest page when it does not meet the loaded ones: never a list with a gap', () => {
    const cache = createCache();
    write(cache, page(['m5', 'm4'], true, 5));
    write(cache, page(['m8', 'm7'], true, 8));
    expect(ids(cache).ids).toEqual(['m8', 'm7']);
    expect(ids(cache).pageInfo?.endCursor).toBe('m7');
  });

  it('takes a complete newest page as it is', () => {
    const cache = createCache();
    write(cache, page(['m2', 'm1'], false, 2));
    write(cache, page(['m3', 'm2', 'm1'].slice(0, 2), false, 2));
    expect(ids(cache).ids).toEqual(['m3', 'm2']);
  });
});

const THREADS = gql`
  query Threads($after: String) {
    messageThreads(first: 2, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          subject
        }
      }
    }
  }
`;

interface Threads {
  messageThreads: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string } }[];
  };
}

const threads = (ids: string[], hasNextPage: boolean, totalCount: number) => ({
  messageThreads: {
    __typename: 'MessageThreadConnection',
    totalCount,
    pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: ids.at(-1) ?? null },
    edges: ids.map((id) => ({
      __typename: 'MessageThreadEdge',
      node: { __typename: 'MessageThread', id, subject: id },
    })),
  },
});

function inbox(cache: ReturnType<typeof createCache>) {
  const read = cache.readQuery<Threads>({ query: THREADS });
  return { ids: read?.messageThreads.edges.map((edge) => edge.node.id), pageInfo: read?.messageThreads.pageInfo };
}

describe('every paged list in the cache', () => {
  it('has a policy keyed by exactly its filter arguments, for each connection field of the schema', () => {
    const schema = buildSchema(schemaText);
    const inSchema: Record<string, Record<string, string[]>> = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getSubscriptionType()) {
        continue;
      }
      for (const field of Object.values(type.getFields())) {
        if (field.args.some((arg) => arg.name === 'after')) {
          (inSchema[type.name] ??= {})[field.name] = field.args
            .map((arg) => arg.name)
            .filter((name) => name !== 'after' && name !== 'first')
            .sort();
        }
      }
    }
    const inCache = Object.fromEntries(
      Object.entries(PAGED_LISTS).map(([type, fields]) => [
        type,
        Object.fromEntries(
          Object.entries(fields).map(([field, keyArgs]) => [field, keyArgs === false ? [] : [...keyArgs].sort()]),
        ),
      ]),
    );
    expect(inCache).toEqual(inSchema);
  });

  it('keeps the pages loaded when the first page is read again (a refetch), a moved item in its new place', () => {
    const cache = createCache();
    cache.writeQuery({ query: THREADS, data: threads(['a', 'b'], true, 6) });
    cache.writeQuery({ query: THREADS, variables: { after: 'b' }, data: threads(['c', 'd'], true, 6) });
    expect(inbox(cache).ids).toEqual(['a', 'b', 'c', 'd']);

    // A new message in "c" moves it to the top: the first page now is c, a.
    cache.writeQuery({ query: THREADS, data: threads(['c', 'a'], true, 6) });
    expect(inbox(cache)).toEqual({
      ids: ['c', 'a', 'b', 'd'],
      pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'a' },
    });

    // The next page read again replaces the part it covers; the list is read up to its end.
    cache.writeQuery({ query: THREADS, variables: { after: 'a' }, data: threads(['b', 'd'], true, 6) });
    expect(inbox(cache)).toEqual({
      ids: ['c', 'a', 'b', 'd'],
      pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'd' },
    });
    // "Load more" goes on after it; an item already shown is not shown twice.
    cache.writeQuery({ query: THREADS, variables: { after: 'd' }, data: threads(['b', 'e'], false, 6) });
    expect(inbox(cache).ids).toEqual(['c', 'a', 'b', 'd', 'e']);
    expect(inbox(cache).pageInfo?.hasNextPage).toBe(false);
  });

  it('shows an item new after the first page once the pages after it are read again, without a reload', () => {
    const cache = createCache();
    cache.writeQuery({ query: THREADS, data: threads(['a', 'b'], true, 5) });
    cache.writeQuery({ query: THREADS, variables: { after: 'b' }, data: threads(['c', 'd'], true, 5) });

    // "x" is new between b and c (a patient named so, a visit at that time): the first page read
    // again does not hold it, and the list says it is read only that far.
    cache.writeQuery({ query: THREADS, data: threads(['a', 'b'], true, 6) });
    expect(inbox(cache)).toEqual({
      ids: ['a', 'b', 'c', 'd'],
      pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'b' },
    });
    cache.writeQuery({ query: THREADS, variables: { after: 'b' }, data: threads(['x', 'c'], true, 6) });
    expect(inbox(cache)).toEqual({
      ids: ['a', 'b', 'x', 'c', 'd'],
      pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'c' },
    });
    cache.writeQuery({ query: THREADS, variables: { after: 'c' }, data: threads(['d', 'e'], true, 6) });
    expect(inbox(cache).ids).toEqual(['a', 'b', 'x', 'c', 'd', 'e']);
  });

  it('drops a kept item the page read again says is gone: the last page ends the list', () => {
    const cache = createCache();
    cache.writeQuery({ query: THREADS, data: threads(['a', 'b'], true, 4) });
    cache.writeQuery({ query: THREADS, variables: { after: 'b' }, data: threads(['c', 'd'], false, 4) });
    cache.writeQuery({ query: THREADS, data: threads(['a', 'b'], true, 3) });
    cache.writeQuery({ query: THREADS, variables: { after: 'b' }, data: threads(['c'], false, 3) });
    expect(inbox(cache)).toEqual({
      ids: ['a', 'b', 'c'],
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c' },
    });
  });

  it('drops an item gone from the first page instead of keeping it after the others', () => {
    const cache = createCache();
    cache.writeQuery({ query: THREADS, data: threads(['a', 'b'], true, 6) });
    cache.writeQuery({ query: THREADS, variables: { after: 'b' }, data: threads(['c', 'd'], true, 6) });
    cache.writeQuery({ query: THREADS, data: threads(['b', 'c'], true, 5) });
    expect(inbox(cache).ids).toEqual(['b', 'c', 'd']);
  });

  it('keeps each filter its own list, and a count-only read apart from the list', () => {
    const LIST = gql`
      query Appointments($filter: AppointmentFilter, $after: String) {
        appointments(filter: $filter, first: 2, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
            }
          }
        }
      }
    `;
    const COUNT = gql`
      query AppointmentCount($filter: AppointmentFilter) {
        appointments(filter: $filter, first: 1) {
          totalCount
        }
      }
    `;
    const page = (ids: string[], totalCount: number) => ({
      appointments: {
        __typename: 'AppointmentConnection',
        totalCount,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: ids.at(-1) ?? null },
        edges: ids.map((id) => ({ __typename: 'AppointmentEdge', node: { __typename: 'Appointment', id } })),
      },
    });
    const cache = createCache();
    const requested = { status: ['REQUESTED'], from: '2026-01-01T00:00:00.000Z' };
    cache.writeQuery({
      query: COUNT,
      variables: { filter: requested },
      data: { appointments: { __typename: 'AppointmentConnection', totalCount: 3 } },
    });
    // A count alone is no (empty) list: the list is still to be fetched.
    expect(cache.readQuery({ query: LIST, variables: { filter: requested } })).toBeNull();

    cache.writeQuery({
      query: LIST,
      variables: { filter: { from: requested.from, status: ['REQUESTED'] } },
      data: page(['r1'], 1),
    });
    cache.writeQuery({ query: LIST, variables: { filter: { status: ['CONFIRMED'] } }, data: page(['c1', 'c2'], 2) });
    const ids = (filter: object) =>
      cache
        .readQuery<{ appointments: { edges: { node: { id: string } }[] } }>({ query: LIST, variables: { filter } })
        ?.appointments.edges.map((edge) => edge.node.id);
    expect(ids(requested)).toEqual(['r1']);
    expect(ids({ status: ['CONFIRMED'] })).toEqual(['c1', 'c2']);
    expect(cache.readQuery({ query: COUNT, variables: { filter: requested } })).toEqual({
      appointments: { __typename: 'AppointmentConnection', totalCount: 3 },
    });
  });
});
