import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { myListData } from '../../test/my-lists';
import { renderApp, testUsers } from '../../test/render-app';
import { MyPrescriptionsQuery, RequestRepeatPrescriptionMutation, WithdrawRepeatRequestMutation } from './operations';

const doctor = {
  __typename: 'Doctor',
  id: 'doctor-7',
  active: true,
  awayUntil: null as string | null,
  firstName: 'Gerald',
  lastName: 'Runolfsdottir',
};
const issuedAt = '2026-09-03T09:00:00.000Z';
const askedAt = '2026-11-20T10:00:00.000Z';

const prescription = (id: string, status: string, medication: string, repeatRequest: object | null = null) => ({
  __typename: 'Prescription',
  id,
  status,
  issuedAt,
  notes: null,
  items: [
    {
      __typename: 'PrescriptionItem',
      medication,
      dosage: '1 tablet',
      frequency: 'twice daily',
      durationDays: 90,
      instructions: null,
    },
  ],
  doctor,
  repeatRequest,
});

const request = (id: string, status: string, changes: object = {}) => ({
  __typename: 'RepeatRequest',
  id,
  status,
  createdAt: askedAt,
  decidedAt: status === 'REQUESTED' ? null : '2026-11-21T10:00:00.000Z',
  declineReason: null,
  ...changes,
});

const list = (variables: object, nodes: object[]) => ({
  request: { query: MyPrescriptionsQuery, variables },
  result: { data: myListData('prescriptions', 'Prescription', nodes) },
});

describe('PrescriptionsPage', () => {
  it('asks the prescribing doctor for a repeat with a note, then shows it waiting; never for a stopped course', async () => {
    const { user } = renderApp({
      path: '/patient/prescriptions',
      signedInAs: testUsers.patient,
      mocks: [
        list({ status: ['ACTIVE'], first: 50 }, [prescription('rx-1', 'ACTIVE', 'Metformin 500 mg')]),
        list({ status: ['COMPLETED', 'DISCONTINUED'], first: 20 }, [
          prescription('rx-2', 'DISCONTINUED', 'Amoxicillin 500 mg'),
        ]),
        {
          request: { query: WithdrawRepeatRequestMutation, variables: { id: 'rr-1' } },
          result: { data: { withdrawRepeatRequest: request('rr-1', 'WITHDRAWN') } },
        },
        {
          request: {
            query: RequestRepeatPrescriptionMutation,
            variables: { prescriptionId: 'rx-1', note: 'I run out on Friday.' },
          },
          result: {
            data: {
              requestRepeatPrescription: {
                __typename: 'RepeatRequest',
                id: 'rr-1',
                prescription: { __typename: 'Prescription', id: 'rx-1', repeatRequest: request('rr-1', 'REQUESTED') },
              },
            },
          },
        },
      ],
    });

    const repeat = await screen.findByRole('button', { name: 'Ask for a repeat' });
    // One per card, each described by its prescription: the stopped one has none.
    expect(screen.getAllByRole('button', { name: 'Ask for a repeat' })).toHaveLength(1);
    expect(repeat).toHaveAccessibleDescription(/Dr Gerald Runolfsdottir/);

    await user.click(repeat);
    const form = screen.getByRole('form', { name: 'Ask for a repeat' });
    await user.type(
      within(form).getByLabelText(/Anything Dr Gerald Runolfsdottir should know/),
      ' I run out on Friday. ',
    );
    await user.click(within(form).getByRole('button', { name: 'Send request' }));

    expect(
      await screen.findByText(
        `You asked for a repeat on ${formatDay(askedAt, viewerTimeZone())}: waiting for Dr Gerald Runolfsdottir.`,
      ),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Ask for a repeat' })).toBeNull();

    // Taken back before the doctor answered: it can be asked for again.
    await user.click(screen.getByRole('button', { name: 'Withdraw request' }));
    expect(await screen.findByRole('button', { name: 'Ask for a repeat' })).toBeVisible();
    expect(screen.queryByText(/waiting for/)).toBeNull();
  });

  const back = '2026-12-21T08:00:00.000Z';
  it.each([
    ['has left', { active: false }, 'your other doctors'],
    [
      'is away',
      { awayUntil: back },
      `Dr Gerald Runolfsdottir (away until ${formatDay(back, viewerTimeZone())}) or another of your doctors`,
    ],
  ])('says who answers when the prescribing doctor %s', async (_, state, answeredBy) => {
    renderApp({
      path: '/patient/prescriptions',
      signedInAs: testUsers.patient,
      mocks: [
        list({ status: ['ACTIVE'], first: 50 }, [
          {
            ...prescription('rx-1', 'ACTIVE', 'Metformin 500 mg', request('rr-1', 'REQUESTED')),
            doctor: { ...doctor, ...state },
          },
        ]),
        list({ status: ['COMPLETED', 'DISCONTINUED'], first: 20 }, []),
      ],
    });
    expect(
      await screen.findByText(
        `You asked for a repeat on ${formatDay(askedAt, viewerTimeZone())}: waiting for ${answeredBy}.`,
      ),
    ).toBeVisible();
  });

  it('shows why a repeat was declined, and lets the patient ask again', async () => {
    renderApp({
      path: '/patient/prescriptions',
      signedInAs: testUsers.patient,
      mocks: [
        list({ status: ['ACTIVE'], first: 50 }, [
          prescription(
            'rx-1',
            'ACTIVE',
            'Metformin 500 mg',
            request('rr-1', 'DECLINED', { declineReason: 'Please book a review first.' }),
          ),
        ]),
        list({ status: ['COMPLETED', 'DISCONTINUED'], first: 20 }, []),
      ],
    });

    expect(
      await screen.findByText(
        `Dr Gerald Runolfsdottir did not issue the repeat you asked for on ${formatDay(askedAt, viewerTimeZone())}`,
      ),
    ).toBeVisible();
    expect(screen.getByText('Please book a review first.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Ask again' })).toBeVisible();
  });
});
