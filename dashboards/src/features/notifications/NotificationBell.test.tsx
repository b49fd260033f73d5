import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { addDays, parseDayKey } from '../schedule/calendar-dates';
import { ScheduleAppointmentUpdatedSubscription, TodayWorklistQuery } from '../schedule/operations';
import { NotificationBellQuery, NotificationLiveSubscription } from './operations';

const today = parseDayKey(null);
const older = {
  __typename: 'Notification',
  id: '00000000-0000-4000-8000-00000000e001',
  kind: 'APPOINTMENT_BOOKED',
  title: 'New appointment',
  body: 'Pat Jones booked a visit.',
  createdAt: '2026-03-01T09:00:00.000Z',
  readAt: '2026-03-01T10:00:00.000Z',
};
const critical = {
  __typename: 'Notification',
  id: '00000000-0000-4000-8000-00000000e002',
  kind: 'LAB_RESULT_CRITICAL',
  title: 'Critical lab result',
  body: 'A lab order you placed for Pat Jones has a critical result. Review it now.',
  createdAt: '2026-03-02T09:00:00.000Z',
  readAt: null,
};

describe('NotificationBell', () => {
  it('rings with a critical lab result as it arrives, without a reload', async () => {
    const { client, requests } = renderApp({
      path: '/doctor/today',
      signedInAs: testUsers.doctor,
      mocks: [
        {
          request: { query: NotificationBellQuery },
          result: {
            data: {
              unreadNotificationCount: 0,
              notifications: {
                __typename: 'NotificationConnection',
                edges: [{ __typename: 'NotificationEdge', node: older }],
              },
            },
          },
        },
        {
          request: { query: NotificationLiveSubscription },
          result: { data: { notificationReceived: critical } },
          delay: 300,
        },
        {
          request: {
            query: TodayWorklistQuery,
            variables: { from: today.toISOString(), to: addDays(today, 1).toISOString() },
          },
          result: { data: { appointments: { __typename: 'AppointmentConnection', edges: [] } } },
        },
        {
          request: {
            query: ScheduleAppointmentUpdatedSubscription,
            variables: { doctorId: testUsers.doctor.doctor.id },
          },
          result: { data: null },
          delay: 60_000,
        },
      ],
    });
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeVisible();
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' }, { timeout: 5_000 });
    expect(within(bell).getByText('1')).toBeVisible();
    // Only the first load asked the server: the new notification came over the subscription.
    expect(requests.filter((name) => name === 'NotificationBell')).toHaveLength(1);
    // The list the bell opens on has the new one first (the popover itself needs a real browser).
    const cached = client.readQuery({ query: NotificationBellQuery });
    expect(cached?.notifications.edges.map((edge) => edge.node.title)).toEqual([
      'Critical lab result',
      'New appointment',
    ]);
  });
});
