import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { MessageThreadQuery } from './operations';

const thread = (unreadCount: number) => ({
  __typename: 'MessageThread',
  id: 'thread-1',
  subject: 'Repeat prescription: Metformin 500 mg',
  lastMessageAt: '2026-12-05T09:00:00.000Z',
  unreadCount,
  readOnly: false,
  patient: { __typename: 'Patient', id: 'patient-3', firstName: 'Ephraim', lastName: 'Johnson' },
  doctor: {
    __typename: 'Doctor',
    id: testUsers.doctor.doctor.id,
    firstName: 'Dana',
    lastName: 'Reyes',
    specialization: 'General Practice',
  },
  messages: {
    __typename: 'MessageConnection',
    totalCount: 1,
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    edges: [
      {
        __typename: 'MessageEdge',
        node: {
          __typename: 'Message',
          id: 'm1',
          body: 'Please could you renew my prescription of Metformin 500 mg?',
          sentAt: '2026-12-05T09:00:00.000Z',
          readAt: null,
          mine: false,
          attachments: [],
        },
      },
    ],
  },
});

describe('a conversation', () => {
  it("gives the doctor the way to the patient's chart, where a request is answered", async () => {
    renderApp({
      path: '/doctor/messages/thread-1',
      signedInAs: testUsers.doctor,
      mocks: [
        {
          request: { query: MessageThreadQuery, variables: { id: 'thread-1' } },
          result: { data: { messageThread: thread(0) } },
        },
      ],
    });
    expect(await screen.findByRole('heading', { name: 'Repeat prescription: Metformin 500 mg' })).toBeVisible();
    expect(screen.getByText(/With Ephraim Johnson/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Open chart' })).toHaveAttribute('href', '/doctor/patients/patient-3');
  });
});
