import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { CareTeamQuery, MessageThreadQuery } from './operations';

const thread = (unreadCount: number, awayUntil: string | null = null) => ({
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
    awayUntil,
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

  it('tells the patient when their doctor is away, in the conversation and when choosing whom to write to', async () => {
    const back = '2026-12-21T08:00:00.000Z';
    const zone = viewerTimeZone();
    const { user } = renderApp({
      path: '/patient/messages/thread-1',
      signedInAs: testUsers.patient,
      mocks: [
        {
          request: { query: MessageThreadQuery, variables: { id: 'thread-1' } },
          result: { data: { messageThread: thread(0, back) } },
        },
        {
          request: { query: CareTeamQuery, variables: {} },
          result: {
            data: {
              careTeam: [
                {
                  __typename: 'Doctor',
                  id: 'd1',
                  firstName: 'Dana',
                  lastName: 'Reyes',
                  specialization: 'General Practice',
                  awayUntil: back,
                },
                {
                  __typename: 'Doctor',
                  id: 'd2',
                  firstName: 'Lee',
                  lastName: 'Moss',
                  specialization: 'Cardiology',
                  awayUntil: null,
                },
              ],
            },
          },
        },
      ],
    });
    expect(
      await screen.findByText(
        `Dr Dana Reyes is away until ${formatDay(back, zone)}: your message waits for their return. For anything urgent, call the clinic or write to another of your doctors.`,
      ),
    ).toBeVisible();
    // The reply stays open: the message waits for them.
    expect(screen.getByRole('button', { name: /Send/ })).toBeVisible();

    await user.click(screen.getByRole('link', { name: '← All messages' }));
    await user.click(await screen.findByRole('link', { name: /New message/ }));
    expect(
      await screen.findByRole('option', {
        name: `Dr Dana Reyes (General Practice) · away until ${formatDay(back, zone)}`,
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Dr Lee Moss (Cardiology)' })).toBeInTheDocument();
  });
});
