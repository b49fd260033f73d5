import { getFragmentData, graphql, type FragmentType } from '../../gql';

export const DoctorNameFragment = graphql(`
  fragment DoctorName on Doctor {
    firstName
    lastName
  }
`);

/** How a doctor is named everywhere: "Dr Dana Reyes". */
export function doctorName(doctor: { readonly firstName: string; readonly lastName: string }): string {
  return `Dr ${doctor.firstName} ${doctor.lastName}`;
}

export function DoctorName({ doctor }: { doctor: FragmentType<typeof DoctorNameFragment> }) {
  return <>{doctorName(getFragmentData(DoctorNameFragment, doctor))}</>;
}
