import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatDay } from '../../shared/format-date-time';
import { doctorName, DoctorNameFragment } from './DoctorName';

/** What says whether a doctor is at work: enough to tell a colleague they are covering for them. */
export const DoctorAwayFragment = graphql(`
  fragment DoctorAway on Doctor {
    id
    active
    awayUntil
  }
`);

/** Whose work a covering doctor sees, and why: "Dr Ola Reyes" and "has left" or "away until Mon 14 Dec". */
export interface Covering {
  readonly doctor: string;
  readonly why: string;
}

/**
 * Why work of `doctor` (results to review, a repeat request) is shown to the signed-in doctor
 * `viewerDoctorId` as well: its doctor has left, or is away until a day — null when it is the
 * viewer's own, or its doctor is at work.
 */
export function coveringFor(
  doctorRef: FragmentType<typeof DoctorAwayFragment> & FragmentType<typeof DoctorNameFragment>,
  viewerDoctorId: string | undefined,
  zone: string,
): Covering | null {
  const doctor = getFragmentData(DoctorAwayFragment, doctorRef);
  const nameOf = () => doctorName(getFragmentData(DoctorNameFragment, doctorRef));
  if (viewerDoctorId === undefined || doctor.id === viewerDoctorId) {
    return null;
  }
  if (!doctor.active) {
    return { doctor: nameOf(), why: 'has left' };
  }
  return doctor.awayUntil ? { doctor: nameOf(), why: `away until ${formatDay(doctor.awayUntil, zone)}` } : null;
}
