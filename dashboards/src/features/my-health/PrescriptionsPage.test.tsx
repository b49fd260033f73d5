import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { myListData } from '../../test/my-lists';
import { renderApp, testUsers } from '../../test/render-app';
import { CareTeamQuery } from '../messages/operations';
import { MyPrescriptionsQuery } from './operations';

const doctor = { __typename: 'Doctor', id: 'doctor-7', firstName: 'Gerald', lastName: 'Runolfsdottir' };
const issuedAt = '2026-09-03T09:00:00.000Z';

const prescription = (id: string, status: string, medication: string) => ({
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
});

const list = (variables: object, nodes: object[]) => ({
  request: { query: MyPrescriptionsQuery, variables },
  result: { data: myListData('prescriptions', 'Prescription', nodes) },
});

describe('PrescriptionsPage', () => {
  it('asks the prescribing doctor for a repeat in a message written for the patient to send, not for a stopped course', async () => {
    const { user } = renderApp({
      path: '/patient/prescriptions',
      signedInAs: testUsers.patient,
      mocks: [
        list({ status: ['ACTIVE'], first: 50 }, [prescription('rx-1', 'ACTIVE', 'Metformin 500 mg')]),
        list({ status: ['COMPLETED', 'DISCONTINUED'], first: 20 }, [
          prescription('rx-2', 'DISCONTINUED', 'Amoxicillin 500 mg'),
        ]),
        {
          request: { query: CareTeamQuery, variables: {} },
          result: {
            data: {
              careTeam: [{ ...doctor, specialization: 'Endocrinology' }],
            },
          },
        },
      ],
    });

    const repeat = await screen.findByRole('link', { name: 'Ask for a repeat' });
    // One per card, each described by its prescription: the stopped one has none.
    expect(screen.getAllByRole('link', { name: 'Ask for a repeat' })).toHaveLength(1);
    expect(repeat).toHaveAccessibleDescription(/Dr Gerald Runolfsdottir/);

    await user.click(repeat);
    const form = await screen.findByRole('heading', { name: 'New message' });
    const compose = form.closest('form')!;
    expect(within(compose).getByLabelText(/Subject/)).toHaveValue('Repeat prescription: Metformin 500 mg');
    expect(within(compose).getByLabelText(/Message/)).toHaveValue(
      `Please could you renew my prescription of Metformin 500 mg (1 tablet, twice daily), issued on ${formatDay(issuedAt, viewerTimeZone())}?`,
    );
    expect(await within(compose).findByRole('option', { name: /Gerald Runolfsdottir/ })).toBeInTheDocument();
    expect(within(compose).getByRole('combobox', { name: /Doctor/ })).toHaveValue('doctor-7');
  });
});
