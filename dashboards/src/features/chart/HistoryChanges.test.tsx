import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { MyProfileQuery, UpdateMyProfileMutation } from '../my-health/operations';
import { PatientChartQuery, PatientHistoryChangesQuery, UpdatePatientHistoryMutation } from './operations';

const patientId = 'patient-7';

const chart = {
  request: { query: PatientChartQuery, variables: { id: patientId } },
  result: {
    data: {
      patient: {
        __typename: 'Patient',
        id: patientId,
        firstName: 'Lee',
        lastName: 'Park',
        dateOfBirth: '1970-01-01',
        gender: null,
        phone: null,
        bloodGroup: 'A+',
        allergies: ['Latex'],
        chronicConditions: [],
        currentMedications: [],
        surgeries: [],
        familyHistory: [],
        emergencyContacts: [],
        activePrescriptions: { __typename: 'PrescriptionConnection', totalCount: 0, edges: [] },
        timeline: {
          __typename: 'TimelineEntryConnection',
          totalCount: 0,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          edges: [],
        },
      },
    },
  },
};

const witting = { __typename: 'Doctor', id: 'doctor-3', firstName: 'Kerry', lastName: 'Witting' };

interface ChangeFields {
  readonly part: string;
  readonly before?: string[];
  readonly after?: string[];
  readonly added?: string[];
  readonly removed?: string[];
  readonly byPatient?: boolean;
  readonly emergency?: boolean;
  readonly doctor?: typeof witting | null;
  readonly changedAt?: string;
}

/** A change as the API answers it: by a doctor unless `byPatient`. */
function change(id: string, fields: ChangeFields) {
  const byPatient = fields.byPatient ?? false;
  return {
    __typename: 'MedicalHistoryChange',
    id,
    changedAt: fields.changedAt ?? '2026-11-05T09:30:00.000Z',
    before: [],
    after: [],
    added: [],
    removed: [],
    emergency: false,
    doctor: byPatient ? null : witting,
    ...fields,
    byPatient,
  };
}

/** A page of the patient's changes, newest first; `after` the cursor it continues from. */
function changesPage(
  nodes: readonly ReturnType<typeof change>[],
  { after, hasNextPage = false, totalCount = nodes.length, id = patientId } = {} as {
    after?: string;
    hasNextPage?: boolean;
    totalCount?: number;
    id?: string;
  },
) {
  return {
    request: { query: PatientHistoryChangesQuery, variables: after ? { id, after } : { id } },
    result: {
      data: {
        patient: {
          __typename: 'Patient',
          id,
          medicalHistoryChanges: {
            __typename: 'MedicalHistoryChangeConnection',
            totalCount,
            pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: nodes.at(-1)?.id ?? null },
            edges: nodes.map((node) => ({ __typename: 'MedicalHistoryChangeEdge', node })),
          },
        },
      },
    },
  };
}

/** Opens the section named `name` with its "Show changes" (collapsed until then). */
async function openChanges(user: ReturnType<typeof renderApp>['user'], name: RegExp) {
  const section = await screen.findByRole('region', { name });
  const toggle = within(section).getByRole('button', { name: 'Show changes' });
  expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await user.click(toggle);
  expect(within(section).getByRole('button', { name: 'Hide changes' })).toHaveAttribute('aria-expanded', 'true');
  return section;
}

/** The changes in the open section, newest first (not the entries listed inside each). */
function items(section: HTMLElement) {
  return within(within(section).getByRole('list', { name: 'Changes' }))
    .getAllByRole('listitem')
    .filter((item) => item.parentElement?.getAttribute('aria-label') === 'Changes');
}

describe('the changes to the medical history, in the doctor’s chart', () => {
  it('is read only when opened, and says who changed which part, what was added and removed', async () => {
    const { user, requests } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [
        chart,
        changesPage([
          change('c3', {
            part: 'ALLERGIES',
            before: ['Penicillin', 'Latex'],
            after: ['Latex', 'Amoxicillin'],
            added: ['Amoxicillin'],
            removed: ['Penicillin'],
            emergency: true,
          }),
          change('c2', { part: 'BLOOD_GROUP', before: ['O+'], after: ['A+'], byPatient: true }),
          change('c1', { part: 'BLOOD_GROUP', before: [], after: ['O+'] }),
          change('c0', {
            part: 'SURGERIES',
            before: ['Appendectomy (2019-05-02): laparoscopic'],
            after: [],
            removed: ['Appendectomy (2019-05-02): laparoscopic'],
            byPatient: true,
          }),
        ]),
      ],
    });

    expect(await screen.findByRole('heading', { name: 'Lee Park' })).toBeVisible();
    // Its own query, not the chart's, and only on "Show changes" (each read of a change is audited).
    expect(requests).not.toContain('PatientHistoryChanges');
    const section = await openChanges(user, /^Changes to the medical history$/);
    await waitFor(() => expect(within(section).getAllByRole('listitem').length).toBeGreaterThan(0));
    expect(requests.filter((name) => name === 'PatientHistoryChanges')).toHaveLength(1);

    const [allergies, bloodGroup, firstBloodGroup, surgery] = items(section);
    expect(within(allergies!).getByRole('heading', { name: 'Allergies' })).toBeVisible();
    expect(allergies).toHaveTextContent('Dr Kerry Witting');
    expect(within(allergies!).getByText('Emergency access')).toBeVisible();
    expect(allergies).toHaveTextContent('Thu 5 Nov');
    // Added and removed in words too, not only by colour.
    const entries = within(allergies!)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(entries).toEqual(['+Added: Amoxicillin', '−Removed: Penicillin']);
    expect(within(allergies!).getByText('Penicillin').tagName).toBe('S');
    expect(within(allergies!).queryByText('Latex')).toBeNull();

    expect(within(bloodGroup!).getByRole('heading', { name: 'Blood group' })).toBeVisible();
    expect(bloodGroup).toHaveTextContent('The patient');
    expect(bloodGroup).toHaveTextContent('O+ →changed to A+');
    expect(within(bloodGroup!).queryByText('Emergency access')).toBeNull();
    expect(firstBloodGroup).toHaveTextContent('Set to O+');
    expect(firstBloodGroup).toHaveTextContent('Dr Kerry Witting');

    expect(within(surgery!).getByRole('heading', { name: 'Surgeries' })).toBeVisible();
    expect(surgery).toHaveTextContent('Removed: Appendectomy (2 May 2019): laparoscopic');
    expect(within(section).getByText('Showing 4 changes')).toBeVisible();
    expect(within(section).queryByRole('button', { name: 'Load more' })).toBeNull();

    // Hidden and shown again: from the cache, not read again.
    await user.click(within(section).getByRole('button', { name: 'Hide changes' }));
    expect(within(section).queryByRole('list', { name: 'Changes' })).toBeNull();
    await user.click(within(section).getByRole('button', { name: 'Show changes' }));
    expect(within(section).getByRole('list', { name: 'Changes' })).toBeVisible();
    expect(requests.filter((name) => name === 'PatientHistoryChanges')).toHaveLength(1);
  });

  it('reads older changes on "Load more"', async () => {
    const { user, requests } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [
        chart,
        changesPage(
          [
            change('c3', { part: 'ALLERGIES', added: ['Amoxicillin'] }),
            change('c2', { part: 'CHRONIC_CONDITIONS', added: ['Asthma'] }),
          ],
          { hasNextPage: true, totalCount: 3 },
        ),
        changesPage([change('c1', { part: 'FAMILY_HISTORY', added: ['mother: diabetes'], byPatient: true })], {
          after: 'c2',
          totalCount: 3,
        }),
      ],
    });

    const section = await openChanges(user, /^Changes to the medical history$/);
    expect(await within(section).findByText('Showing 2 of 3 changes')).toBeVisible();
    expect(items(section).map((item) => within(item).getByRole('heading').textContent)).toEqual([
      'Allergies',
      'Chronic conditions',
    ]);
    await user.click(within(section).getByRole('button', { name: 'Load more' }));

    expect(await within(section).findByText('Showing 3 changes')).toBeVisible();
    const [, , family] = items(section);
    expect(within(family!).getByRole('heading', { name: 'Family history' })).toBeVisible();
    expect(family).toHaveTextContent('The patient');
    expect(family).toHaveTextContent('Added: mother: diabetes');
    expect(within(section).queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(requests.filter((name) => name === 'PatientHistoryChanges')).toHaveLength(2);
  });

  it('says when the changes did not load, and tries again', async () => {
    const { user } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [
        chart,
        {
          request: { query: PatientHistoryChangesQuery, variables: { id: patientId } },
          result: { errors: [{ message: 'The service is busy, try again.' }] },
        },
        changesPage([change('c1', { part: 'ALLERGIES', added: ['Latex'] })]),
      ],
    });

    const section = await openChanges(user, /^Changes to the medical history$/);
    expect(await within(section).findByText('The changes did not load')).toBeVisible();
    await user.click(within(section).getByRole('button', { name: 'Try again' }));
    expect(await within(section).findByRole('list', { name: 'Changes' })).toHaveTextContent('Added: Latex');
    expect(within(section).queryByText('The changes did not load')).toBeNull();
  });

  it('shows the change the doctor just saved when the changes are open', async () => {
    const saved = change('c2', {
      part: 'ALLERGIES',
      before: ['Latex'],
      after: ['Latex', 'Peanuts'],
      added: ['Peanuts'],
    });
    const { user } = renderApp({
      path: `/doctor/patients/${patientId}`,
      signedInAs: testUsers.doctor,
      mocks: [
        chart,
        changesPage([change('c1', { part: 'ALLERGIES', after: ['Latex'], added: ['Latex'], byPatient: true })]),
        {
          request: {
            query: UpdatePatientHistoryMutation,
            variables: { id: patientId, input: { allergies: ['Latex', 'Peanuts'], chronicConditions: [] } },
          },
          result: {
            data: {
              updatePatient: {
                __typename: 'Patient',
                id: patientId,
                allergies: ['Latex', 'Peanuts'],
                chronicConditions: [],
              },
            },
          },
        },
        changesPage(
          [saved, change('c1', { part: 'ALLERGIES', after: ['Latex'], added: ['Latex'], byPatient: true })],
          {},
        ),
      ],
    });

    const section = await openChanges(user, /^Changes to the medical history$/);
    expect(await within(section).findByText('Showing 1 change')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Allergies and conditions' }));
    const form = screen.getByRole('form', { name: 'Allergies and conditions' });
    await user.type(within(form).getByLabelText('Allergies'), '{Enter}Peanuts');
    await user.click(within(form).getByRole('button', { name: 'Save allergies and conditions' }));
    expect(await screen.findByText('The allergies and conditions were saved.')).toBeVisible();

    expect(await within(section).findByText('Showing 2 changes')).toBeVisible();
    expect(items(section)[0]).toHaveTextContent('Added: Peanuts');
    expect(items(section)[0]).toHaveTextContent('Dr Kerry Witting');
  });
});

describe('the changes to the medical history, in the patient’s profile', () => {
  const ownId = testUsers.patient.patient.id;
  const patient = {
    __typename: 'Patient',
    id: ownId,
    firstName: 'Pat',
    lastName: 'Jones',
    email: 'patient@clinic.test',
    phone: null,
    phoneConfirmed: false,
    smsReminders: false,
    address: null,
    dateOfBirth: '1980-05-04',
    gender: null,
    allergies: [],
    chronicConditions: [],
    currentMedications: [],
    emergencyContacts: [],
  };
  const profile = {
    request: { query: MyProfileQuery },
    result: { data: { me: { __typename: 'User', id: testUsers.patient.id, patient } } },
  };

  it('says there are no changes yet, then shows the one the patient saved as theirs', async () => {
    const { user, requests } = renderApp({
      path: '/patient/profile',
      signedInAs: testUsers.patient,
      mocks: [
        profile,
        changesPage([], { id: ownId }),
        {
          request: {
            query: UpdateMyProfileMutation,
            variables: (v: { input: { allergies?: string[] } }) => v.input.allergies?.join() === 'Penicillin',
          },
          result: { data: { updatePatient: { ...patient, allergies: ['Penicillin'] } } },
        },
        changesPage(
          [change('c1', { part: 'ALLERGIES', after: ['Penicillin'], added: ['Penicillin'], byPatient: true })],
          { id: ownId },
        ),
      ],
    });

    await screen.findByLabelText('Allergies');
    expect(requests).not.toContain('PatientHistoryChanges');
    const section = await openChanges(user, /^Changes to your medical history$/);
    expect(await within(section).findByText('No changes yet')).toBeVisible();

    await user.type(screen.getByLabelText('Allergies'), 'Penicillin');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Your details are saved.')).toBeVisible();

    const list = await within(section).findByRole('list', { name: 'Changes' });
    expect(within(list).getByRole('heading', { name: 'Allergies' })).toBeVisible();
    expect(list).toHaveTextContent('You');
    expect(list).toHaveTextContent('Added: Penicillin');
    expect(within(section).queryByText('No changes yet')).toBeNull();
  });
});
