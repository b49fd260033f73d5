import { testUsers } from './render-app';

/** A department as the API names it, with its hospital. */
export const department = (id: string, name: string, hospital: { id: string; name: string }) => ({
  __typename: 'Department' as const,
  id,
  name,
  hospital: { __typename: 'Hospital' as const, ...hospital },
});

/**
 * The signed-in test doctor's profile (`DoctorProfile`): Dr Dana Reyes, cardiologist at Royal
 * Surrey in pounds; `changes` for one test's own.
 */
export const doctorProfile = (changes: Record<string, unknown> = {}) => ({
  __typename: 'Doctor' as const,
  id: testUsers.doctor.doctor.id,
  firstName: 'Dana',
  lastName: 'Reyes',
  specialization: 'Cardiology',
  licenseNumber: 'LIC-1',
  timezone: 'Europe/London',
  fee: { __typename: 'Money' as const, amount: '100.00', currency: 'GBP' },
  department: department('d1', 'Cardiology', { id: 'h1', name: 'Royal Surrey' }),
  bio: null as string | null,
  qualifications: [] as string[],
  ...changes,
});

/** The doctor as the administrator's doctor page reads it (`AdminDoctor`): the profile, account and time. */
export const adminDoctor = (changes: Record<string, unknown> = {}) => ({
  ...doctorProfile(),
  userId: testUsers.doctor.id,
  active: true,
  availability: [] as unknown[],
  timeOff: [] as unknown[],
  appointmentsOutsideAvailability: [] as unknown[],
  ...changes,
});

/** The API's "booked appointments are in the way" refusal of a schedule change. */
export const appointmentsAffected = {
  result: {
    errors: [
      {
        message: 'Booked appointments are in the way.',
        extensions: { code: 'CONFLICT', reason: 'APPOINTMENTS_AFFECTED' },
      },
    ],
  },
};

/** One booked appointment of the test doctor's, as `affectedAppointments` lists it (7 January 2030, 09:00 UTC). */
export const bookedVisit = (id: string, firstName: string, lastName: string) => ({
  __typename: 'Appointment' as const,
  id,
  startsAt: '2030-01-07T09:00:00.000Z',
  endsAt: '2030-01-07T09:30:00.000Z',
  status: 'CONFIRMED' as const,
  patient: { __typename: 'Patient' as const, id: `p-${id}`, firstName, lastName },
  doctor: { __typename: 'Doctor' as const, id: testUsers.doctor.doctor.id, specialization: 'Cardiology' },
});
