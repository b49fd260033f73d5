import { gql, type TypedDocumentNode } from '@apollo/client';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { MockLink } from '@apollo/client/testing';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../features/auth/session';
import { useLoadMore } from '../shared/useLoadMore';
import { MemoryStorage } from '../test/memory-storage';
import { createApolloClient } from './apollo';

interface Patients {
  patients: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; lastName: string } }[];
  };
}

const PATIENTS: TypedDocumentNode<Patients, { after?: string }> = gql`
  query PagedRefetchPatients($after: String) {
    patients(first: 2, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          lastName
        }
      }
    }
  }
`;

/** A page of patients by name, as the API answers it (the cursor is the last name). */
const page = (after: string | undefined, names: string[], hasNextPage: boolean): MockLink.MockedResponse => ({
  request: { query: PATIENTS, variables: after ? { after } : {} },
  result: {
    data: {
      patients: {
        __typename: 'PatientConnection',
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: names.at(-1) ?? null },
        edges: names.map((name) => ({
          __typename: 'PatientEdge',
          node: { __typename: 'Patient', id: name, lastName: name },
        })),
      },
    },
  },
});

function PatientList() {
  const query = useQuery(PATIENTS);
  const more = useLoadMore(query.data?.patients.pageInfo, query.fetchMore, query.networkStatus);
  return (
    <>
      <ul aria-label="Patients">
        {query.data?.patients.edges.map((edge) => (
          <li key={edge.node.id}>{edge.node.lastName}</li>
        ))}
      </ul>
      <button type="button" onClick={() => void more.loadMore()}>
        Load more
      </button>
      {/* As a mutation's refetchQueries or a live event would. */}
      <button type="button" onClick={() => void query.refetch()}>
        Refetch
      </button>
    </>
  );
}

const names = () => screen.queryAllByRole('listitem').map((item) => item.textContent);

describe('a paged list refetched from its first page', () => {
  it('reads the pages loaded after it again, so a new item there shows without a reload', async () => {
    const link = new MockLink([
      page(undefined, ['Adams', 'Baker'], true),
      page('Baker', ['Clark', 'Davis'], true),
      // Read again after a change: "Bell" is new, after the first page and before "Clark".
      page(undefined, ['Adams', 'Baker'], true),
      page('Baker', ['Bell', 'Clark'], true),
    ]);
    const user = userEvent.setup();
    const client = createApolloClient({ session: new SessionStore(new MemoryStorage()), transport: link });
    render(
      <ApolloProvider client={client}>
        <PatientList />
      </ApolloProvider>,
    );
    await expect.poll(names).toEqual(['Adams', 'Baker']);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await expect.poll(names).toEqual(['Adams', 'Baker', 'Clark', 'Davis']);

    await user.click(screen.getByRole('button', { name: 'Refetch' }));
    // The second page read again by itself: Bell in its place, Davis (not read again yet) kept.
    await expect.poll(names).toEqual(['Adams', 'Baker', 'Bell', 'Clark', 'Davis']);
    // One page loaded after the first, one read again: nothing more is asked for.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(names()).toEqual(['Adams', 'Baker', 'Bell', 'Clark', 'Davis']);
  });
});
