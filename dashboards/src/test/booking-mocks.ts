import type { MockLink } from '@apollo/client/testing';
import {
  BOOKING_DOCTORS_PAGE,
  BookingDoctorsQuery,
  BookingSpecializationsQuery,
  MyAppointmentsQuery,
} from '../features/booking/operations';
import { myListData } from './my-lists';

/** A doctor as `BookingDoctor` reads it (name, time zone, fee, next free time; no qualifications or introduction unless given). */
interface DoctorNode {
  readonly __typename: string;
  readonly id: string;
  readonly specialization: string;
  readonly [field: string]: unknown;
}

/**
 * The API's answers for a booking's first steps: the specialties of `doctors`, and each
 * specialty's doctors (one page, no search).
 */
export function bookingDoctorMocks(doctors: readonly DoctorNode[]): MockLink.MockedResponse[] {
  const names = [...new Set(doctors.map((doctor) => doctor.specialization))];
  return [
    {
      request: { query: BookingSpecializationsQuery },
      result: {
        data: {
          specializations: [
            ...names.map((name, index) => ({
              __typename: 'Specialization',
              id: `s${index}`,
              name,
              doctorCount: doctors.filter((doctor) => doctor.specialization === name).length,
            })),
            // On the managed list, practised by nobody yet: not offered.
            { __typename: 'Specialization', id: 's-none', name: 'Nobody Practises This', doctorCount: 0 },
          ],
        },
      },
      maxUsageCount: Number.POSITIVE_INFINITY,
    },
    ...names.map((name) => {
      const of = doctors.filter((doctor) => doctor.specialization === name);
      return {
        request: {
          query: BookingDoctorsQuery,
          variables: { specialization: name, search: null, first: BOOKING_DOCTORS_PAGE },
        },
        result: {
          data: {
            doctors: {
              __typename: 'DoctorConnection',
              totalCount: of.length,
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: of.at(-1)?.id ?? null },
              edges: of.map((node) => ({
                __typename: 'DoctorEdge',
                node: { qualifications: [], bio: null, ...node },
              })),
            },
          },
        },
        maxUsageCount: Number.POSITIVE_INFINITY,
      };
    }),
  ];
}

/** The patient's own appointments list (`MyAppointments`), one page of `nodes`. */
export const myAppointmentsMock = (nodes: object[]) => ({
  request: { query: MyAppointmentsQuery, variables: {} },
  result: { data: myListData('appointments', 'Appointment', nodes) },
});
