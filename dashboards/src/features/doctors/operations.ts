import { graphql } from '../../gql';

/** A doctor's profile: what the clinic keeps (an administrator changes it) and the doctor's introduction. */
export const DoctorProfileFragment = graphql(`
  fragment DoctorProfile on Doctor {
    id
    firstName
    lastName
    specialization
    licenseNumber
    timezone
    fee {
      amount
      currency
    }
    department {
      id
      name
      hospital {
        id
        name
      }
    }
    bio
    qualifications
  }
`);

/** The signed-in doctor's own profile, as patients see it and as the clinic keeps it. */
export const OwnDoctorProfileQuery = graphql(`
  query OwnDoctorProfile {
    me {
      id
      doctor {
        id
        ...DoctorProfile
      }
    }
  }
`);

/** What a doctor changes of their own profile: how they introduce themself to patients. */
export const UpdateOwnDoctorProfileMutation = graphql(`
  mutation UpdateOwnDoctorProfile($id: ID!, $input: UpdateDoctorInput!) {
    updateDoctor(id: $id, input: $input) {
      id
      bio
      qualifications
    }
  }
`);
