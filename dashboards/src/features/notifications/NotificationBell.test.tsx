import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { addDays, parseDayKey } from '../schedule/calendar-dates';
import { ScheduleAppointmentUpdatedSubscription, TodayWorklistQuery } from '../schedule/operations';
import { NotificationBellQuery, NotificationLiveSubscription } from './operations';
import { notificationDestination } from './NotificationBell';
import { MyPrescriptionsQuery } from '../my-health/operations';
import { myListData } from '../../test/my-lists';

const today = parseDayKey(null);
const older = {
  __typename: 'Notification',
  id: '00000000-0000-4000-8000-00000000e001',
  kind: 'APPOINTMENT_BOOKED',
  title: 'New appointment',
  body: 'Pat Jones booked a visit.',
  createdAt: '2026-03-01T09:00:00.000Z',
  readAt: '2026-03-01T10:00:00.000Z',
  patientId: null,
};
const critical = {
  __typename: 'Notification',
  id: '00000000-0000-4000-8000-00000000e002',
  kind: 'LAB_RESULT_CRITICAL',
  title: 'Critical lab result',
  body: 'A lab order you placed for Pat Jones has a critical result. Review it now.',
  createdAt: '2026-03-02T09:00:00.000Z',
  readAt: null,
  patientId: 'patient-7',
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
          result: {
            data: {
              appointments: {
                __typename: 'AppointmentConnection',
                edges: [],
                pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              },
            },
          },
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

  it("brings a prescription the doctor just issued onto the patient's open prescriptions page", async () => {
    const rx = (id: string, medication: string) => ({
      __typename: 'Prescription',
      id,
      status: 'ACTIVE',
      issuedAt: '2026-03-02T09:00:00.000Z',
      notes: null,
      items: [
        {
          __typename: 'PrescriptionItem',
          medication,
          dosage: '1 tablet',
          frequency: 'once daily',
          durationDays: 30,
          instructions: null,
        },
      ],
      doctor: {
        __typename: 'Doctor',
        id: 'doctor-7',
        firstName: 'Imani',
        lastName: 'Oduya',
        active: true,
        awayUntil: null,
      },
      repeatRequest: null,
    });
    const active = { status: ['ACTIVE'], first: 50 };
    const { requests, push } = renderApp({
      path: '/patient/prescriptions',
      // Told of the prescription once the page's lists are on screen.
      live: ['NotificationLive'],
      signedInAs: testUsers.patient,
      mocks: [
        {
          request: { query: MyPrescriptionsQuery, variables: active },
          result: { data: myListData('prescriptions', 'Prescription', [rx('rx-1', 'Metformin 500 mg')]) },
        },
        {
          request: { query: MyPrescriptionsQuery, variables: { status: ['COMPLETED', 'DISCONTINUED'], first: 20 } },
          result: { data: myListData('prescriptions', 'Prescription', []) },
          maxUsageCount: 2,
        },
        // Asked again once the notification arrives: now with the new one.
        {
          request: { query: MyPrescriptionsQuery, variables: active },
          result: {
            data: myListData('prescriptions', 'Prescription', [
              rx('rx-9', 'Lisinopril 10 mg'),
              rx('rx-1', 'Metformin 500 mg'),
            ]),
          },
        },
      ],
    });
    expect(await screen.findByText(/Metformin 500 mg/)).toBeVisible();
    push('NotificationLive', {
      data: {
        notificationReceived: {
          __typename: 'Notification',
          id: '00000000-0000-4000-8000-00000000e003',
          kind: 'PRESCRIPTION_ISSUED',
          title: 'New prescription',
          body: 'Dr Imani Oduya issued a prescription for you. See it under Prescriptions in your patient portal.',
          createdAt: '2026-03-02T09:00:00.000Z',
          readAt: null,
          patientId: null,
        },
      },
    });
    expect(await screen.findByText(/Lisinopril 10 mg/)).toBeVisible();
    expect(requests.filter((name) => name === 'MyPrescriptions').length).toBeGreaterThanOrEqual(3);
  });

  it('rings for an administrator too, told a webhook was turned off, and leads to the webhooks', async () => {
    renderApp({
      path: '/admin/webhooks',
      signedInAs: testUsers.admin,
      mocks: [
        {
          request: { query: NotificationBellQuery },
          result: {
            data: {
              unreadNotificationCount: 1,
              notifications: {
                __typename: 'NotificationConnection',
                edges: [
                  {
                    __typename: 'NotificationEdge',
                    node: {
                      __typename: 'Notification',
                      id: '00000000-0000-4000-8000-00000000e004',
                      kind: 'WEBHOOK_DISABLED',
                      title: 'Webhook turned off',
                      body: 'A webhook failed for too long and was turned off.',
                      createdAt: '2026-03-02T09:00:00.000Z',
                      readAt: null,
                      patientId: null,
                    },
                  },
                ],
              },
            },
          },
        },
      ],
    });
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeVisible();
    expect(notificationDestination('WEBHOOK_DISABLED', 'ADMIN')).toEqual({
      to: '/admin/webhooks',
      label: 'See webhooks',
    });
    // Nobody else is led to a page they cannot open.
    expect(notificationDestination('WEBHOOK_DISABLED', 'PATIENT')).toBeUndefined();
    expect(notificationDestination('LAB_RESULT_CRITICAL', 'DOCTOR')?.to).toBe('/doctor/today');
    // An alert naming its patient opens their chart.
    expect(notificationDestination('LAB_RESULT_CRITICAL', 'DOCTOR', 'patient-7')).toEqual({
      to: '/doctor/patients/patient-7',
      label: 'Open chart',
    });
    // A critical result no doctor at work was told of: the administrator finds one on the doctors' list.
    expect(notificationDestination('LAB_RESULT_UNATTENDED', 'ADMIN')).toEqual({
      to: '/admin/doctors',
      label: 'Find a doctor at work',
    });
    expect(notificationDestination('LAB_RESULT_UNATTENDED', 'DOCTOR')).toBeUndefined();
    // A chart opened in an emergency: the patient sees who in their access log, an administrator reviews it.
    expect(notificationDestination('EMERGENCY_ACCESS', 'PATIENT')?.to).toBe('/patient/access-log');
    expect(notificationDestination('EMERGENCY_ACCESS', 'ADMIN')?.to).toBe('/admin/audit');
    // A bill to pay leads to the bills to pay; a payment or a cancelled bill to all of them.
    expect(notificationDestination('INVOICE_OVERDUE', 'PATIENT')?.to).toBe('/patient/billing?show=to-pay');
    expect(notificationDestination('INVOICE_ISSUED', 'PATIENT')?.to).toBe('/patient/billing?show=to-pay');
    expect(notificationDestination('PAYMENT_RECEIVED', 'PATIENT')?.to).toBe('/patient/billing');
    expect(notificationDestination('INVOICE_VOIDED', 'PATIENT')?.to).toBe('/patient/billing');
    // A patient asking to close their account: the administrators answer it among the privacy
    // requests; a refusal leads the patient to the clinic's answer on their privacy page.
    expect(notificationDestination('ERASURE_REQUESTED', 'ADMIN')).toEqual({
      to: '/admin/privacy',
      label: 'See privacy requests',
    });
    expect(notificationDestination('ERASURE_REQUESTED', 'PATIENT')).toBeUndefined();
    expect(notificationDestination('ERASURE_REFUSED', 'PATIENT')?.to).toBe('/patient/privacy');
    expect(notificationDestination('ERASURE_REFUSED', 'ADMIN')).toBeUndefined();
    // Unusual access to charts: the administrators review it among the access alerts; a patient
    // told an account that read their chart was misused sees every read of it in their access log.
    expect(notificationDestination('ACCESS_ALERT', 'ADMIN')).toEqual({
      to: '/admin/access-alerts',
      label: 'Review access alerts',
    });
    expect(notificationDestination('ACCESS_ALERT', 'DOCTOR')).toBeUndefined();
    expect(notificationDestination('DATA_BREACH', 'PATIENT')).toEqual({
      to: '/patient/access-log',
      label: 'See your access log',
    });
    expect(notificationDestination('DATA_BREACH', 'ADMIN')).toBeUndefined();
  });
});
