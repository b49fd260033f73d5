import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doctorProfile } from '../../test/doctors';
import { renderApp, testUsers } from '../../test/render-app';
import { OwnDoctorProfileQuery, UpdateOwnDoctorProfileMutation } from './operations';

const DOCTOR_ID = testUsers.doctor.doctor.id;

const profile = {
  request: { query: OwnDoctorProfileQuery },
  result: {
    data: {
      me: {
        __typename: 'User' as const,
        id: testUsers.doctor.id,
        doctor: doctorProfile({ bio: 'Sees adults.', qualifications: ['MBBS'] }),
      },
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

describe('OwnProfilePage', () => {
  it('shows what the clinic keeps and saves the doctor’s own introduction, checked before sending', async () => {
    const { user, requests } = renderApp({
      path: '/doctor/profile',
      signedInAs: testUsers.doctor,
      mocks: [
        profile,
        {
          request: {
            query: UpdateOwnDoctorProfileMutation,
            variables: {
              id: DOCTOR_ID,
              input: { bio: 'Sees adults and teenagers.', qualifications: ['MBBS', 'MRCP'] },
            },
          },
          result: {
            data: {
              updateDoctor: {
                __typename: 'Doctor',
                id: DOCTOR_ID,
                bio: 'Sees adults and teenagers.',
                qualifications: ['MBBS', 'MRCP'],
              },
            },
          },
        },
      ],
    });

    expect(await screen.findByRole('heading', { name: 'Your profile' }, { timeout: 15_000 })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Profile' })).toHaveAttribute('aria-current', 'page');
    const kept = screen.getByRole('region', { name: 'Dr Dana Reyes' });
    expect(within(kept).getByText('Royal Surrey · Cardiology')).toBeVisible();
    expect(within(kept).getByText('LIC-1')).toBeVisible();
    expect(within(kept).getByText('£100.00')).toBeVisible();
    expect(within(kept).getByText(/ask an administrator to change them/)).toBeVisible();

    const form = screen.getByRole('form', { name: 'How you introduce yourself' });
    const bio = within(form).getByLabelText(/^Bio/);
    await user.clear(bio);
    await user.paste('x'.repeat(2001));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Keep it to 2000 characters.')).toBeVisible();
    expect(requests).not.toContain('UpdateOwnDoctorProfile');

    await user.clear(bio);
    await user.type(bio, 'Sees adults and teenagers.');
    await user.type(within(form).getByLabelText(/^Qualifications/), ', MRCP');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Saved. Patients see it when they choose a doctor.')).toBeVisible();
    // Written on, it is no longer what was saved.
    await user.type(bio, ' Also sees children.');
    expect(within(form).queryByText(/^Saved\./)).toBeNull();
  });
});
