import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { viewerTimeZone } from '../../shared/format-date-time';
import { renderApp, testUsers } from '../../test/render-app';
import {
  ConfirmPhoneMutation,
  MyProfileQuery,
  SetSmsRemindersMutation,
  StartPhoneConfirmationMutation,
  UpdateMyProfileMutation,
} from './operations';
import { formatClock } from './text-reminders';

const patient = {
  __typename: 'Patient',
  id: testUsers.patient.patient.id,
  firstName: 'Pat',
  lastName: 'Jones',
  email: 'patient@clinic.test',
  phone: '+49 151 23456789' as string | null,
  phoneConfirmed: false,
  smsReminders: false,
  address: 'Main Street 1',
  dateOfBirth: '1980-05-04',
  gender: 'female',
  allergies: [],
  chronicConditions: [],
  currentMedications: [],
  emergencyContacts: [],
};
const confirmed = { ...patient, phoneConfirmed: true, smsReminders: true };
/** The Patient the reminders' mutations answer (their selection: `id phone phoneConfirmed smsReminders`). */
const reminders = ({ phone, phoneConfirmed, smsReminders }: typeof patient) => ({
  __typename: 'Patient',
  id: patient.id,
  phone,
  phoneConfirmed,
  smsReminders,
});

const profile = (shown: typeof patient) => ({
  request: { query: MyProfileQuery },
  result: { data: { me: { __typename: 'User', id: testUsers.patient.id, patient: shown } } },
});
const starts = (result: object) => ({ request: { query: StartPhoneConfirmationMutation }, result });
const refusal = (code: string, extensions: object) => ({
  errors: [{ message: 'Refused', extensions: { code, ...extensions } }],
});
const wrongCode = (message: string) => refusal('BAD_USER_INPUT', { fields: [{ field: 'code', message }] });

async function section() {
  const heading = await screen.findByRole('heading', { name: 'Text message reminders' });
  return heading.closest('section')!;
}

describe('TextRemindersSection', () => {
  it('sends a code, says until when it works, shows the field error for a wrong one, then confirms', async () => {
    const expiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
    const { user, requests } = renderApp({
      path: '/patient/profile',
      signedInAs: testUsers.patient,
      mocks: [
        profile(patient),
        starts({ data: { startPhoneConfirmation: expiresAt } }),
        {
          request: { query: ConfirmPhoneMutation, variables: { code: '111111' } },
          result: wrongCode('is not the code we sent (4 tries left)'),
        },
        {
          request: { query: ConfirmPhoneMutation, variables: { code: '123456' } },
          result: { data: { confirmPhone: reminders(confirmed) } },
        },
      ],
    });

    const box = await section();
    expect(
      within(box).getByText(
        'Get a text the day before each appointment, and when the clinic cancels or moves one. Texts say only when — not with whom or why.',
      ),
    ).toBeVisible();
    expect(box).toHaveTextContent('We’ll text a six-digit code to +49 151 23456789');
    await user.click(within(box).getByRole('button', { name: 'Send me a code' }));

    const code = await within(box).findByLabelText(/^Code from the text message/);
    expect(code).toHaveAttribute('inputmode', 'numeric');
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    await waitFor(() => expect(code).toHaveFocus());
    expect(within(box).getByRole('status')).toHaveTextContent(
      `We texted a code to +49 151 23456789. The code works until ${formatClock(expiresAt, viewerTimeZone())}.`,
    );
    expect(within(box).queryByRole('button', { name: 'Send me a code' })).toBeNull();

    // Not six digits: said without asking the API.
    await user.type(code, '1234');
    await user.click(within(box).getByRole('button', { name: 'Confirm' }));
    expect(await within(box).findByText('Enter the six digits of the text message.')).toBeVisible();
    expect(requests).not.toContain('ConfirmPhone');

    await user.clear(code);
    await user.type(code, '111111');
    await user.click(within(box).getByRole('button', { name: 'Confirm' }));
    // The field links its error text a render after it is marked invalid (Chakra's Field).
    expect(await within(box).findByText('is not the code we sent (4 tries left)')).toBeVisible();
    await waitFor(() => expect(code).toHaveAccessibleErrorMessage('is not the code we sent (4 tries left)'));
    expect(code).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(code).toHaveFocus());
    expect(within(box).queryByRole('alert')).toBeNull();

    await user.clear(code);
    expect(code).not.toHaveAttribute('aria-invalid', 'true');
    await user.type(code, '123 456');
    await user.click(within(box).getByRole('button', { name: 'Confirm' }));

    const toggle = await within(box).findByRole('switch', { name: 'Send me text reminders' });
    expect(toggle).toBeChecked();
    await waitFor(() => expect(toggle).toHaveFocus());
    expect(within(box).getByRole('status')).toHaveTextContent('Your phone number is confirmed. Text reminders are on.');
    expect(box).toHaveTextContent('Texts go to +49 151 23456789.');
    expect(within(box).queryByLabelText(/^Code from the text message/)).toBeNull();
  }, 20_000);

  it('turns the reminders off with setSmsReminders(false)', async () => {
    const { user, requests } = renderApp({
      path: '/patient/profile',
      signedInAs: testUsers.patient,
      mocks: [
        profile(confirmed),
        {
          request: { query: SetSmsRemindersMutation, variables: { enabled: false } },
          result: { data: { setSmsReminders: reminders({ ...confirmed, smsReminders: false }) } },
        },
      ],
    });

    const box = await section();
    const toggle = within(box).getByRole('switch', { name: 'Send me text reminders' });
    expect(toggle).toBeChecked();
    expect(within(box).queryByRole('button', { name: 'Send me a code' })).toBeNull();

    await user.click(toggle);

    expect(await within(box).findByRole('status')).toHaveTextContent('Text reminders are off.');
    expect(toggle).not.toBeChecked();
    expect(requests.filter((name) => name === 'SetSmsReminders')).toHaveLength(1);
  }, 20_000);

  it.each([
    ['is needed first: add your mobile number to your profile', null],
    ['must be a mobile number in international form, e.g. +49 151 23456789', '030 1234567'],
  ])(
    'points to the Phone field when the phone %s',
    async (message, phone) => {
      const { user } = renderApp({
        path: '/patient/profile',
        signedInAs: testUsers.patient,
        mocks: [
          profile({ ...patient, phone }),
          starts(refusal('BAD_USER_INPUT', { fields: [{ field: 'phone', message }] })),
        ],
      });

      const box = await section();
      const send = within(box).getByRole('button', { name: 'Send me a code' });
      await user.click(send);

      const problem = await within(box).findByRole('alert');
      expect(problem).toHaveTextContent(`Your phone number ${message}.`);
      expect(problem).toHaveTextContent('Enter it under Phone in “About you” above and save');
      expect(send).toHaveAccessibleDescription(new RegExp(`^Your phone number ${message.slice(0, 20)}`));
      expect(within(box).queryByLabelText(/^Code from the text message/)).toBeNull();

      await user.click(within(problem).getByRole('button', { name: 'Go to the Phone field' }));
      expect(screen.getByLabelText('Phone')).toHaveFocus();
    },
    20_000,
  );

  it('says how long to wait before another code, and lets a code already sent be typed in', async () => {
    const { user, requests } = renderApp({
      path: '/patient/profile',
      signedInAs: testUsers.patient,
      mocks: [profile(patient), starts(refusal('TOO_MANY_REQUESTS', { retryAfterSeconds: 42 }))],
    });

    const box = await section();
    await user.click(within(box).getByRole('button', { name: 'Send me a code' }));

    // A code went out a moment ago (before a reload, say): its field is there.
    expect(await within(box).findByLabelText(/^Code from the text message/)).toBeVisible();
    expect(within(box).getByText('We have texted you a code recently: enter the newest one.')).toBeVisible();
    const wait = within(box).getByText(/^You can ask for a new code in/);
    expect(wait).toHaveTextContent(/^You can ask for a new code in 4[12] seconds\.$/);
    expect(wait).toHaveAttribute('role', 'status');
    const again = within(box).getByRole('button', { name: 'Send a new code' });
    expect(again).toHaveAttribute('aria-disabled', 'true');
    expect(again).toHaveAccessibleDescription(/^You can ask for a new code in 4[12] seconds\.$/);

    // Waiting: pressing it asks nothing.
    await user.click(again);
    expect(requests.filter((name) => name === 'StartPhoneConfirmation')).toHaveLength(1);
  }, 20_000);

  it('shows the section unconfirmed again once another phone number is saved', async () => {
    const { user } = renderApp({
      path: '/patient/profile',
      signedInAs: testUsers.patient,
      mocks: [
        profile(confirmed),
        {
          request: {
            query: UpdateMyProfileMutation,
            variables: (v: { input: { phone?: string | null } }) => v.input.phone === '+49 160 9876543',
          },
          result: {
            data: { updatePatient: { ...confirmed, phone: '+49 160 9876543', phoneConfirmed: false } },
          },
        },
      ],
    });

    const box = await section();
    expect(within(box).getByRole('switch', { name: 'Send me text reminders' })).toBeChecked();
    const phone = screen.getByLabelText('Phone');
    await user.clear(phone);
    await user.type(phone, '+49 160 9876543');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await within(box).findByRole('button', { name: 'Send me a code' })).toBeVisible();
    expect(box).toHaveTextContent('We’ll text a six-digit code to +49 160 9876543');
    expect(within(box).queryByRole('switch')).toBeNull();
  }, 20_000);
});
