import { gql } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { createCache } from './cache';

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
    expect(ids(cache)).toEqual({
      ids: ['m6', 'm5', 'm4', 'm3', 'm2'],
      pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'm2' },
      totalCount: 6,
    });
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
