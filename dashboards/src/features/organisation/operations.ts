import { graphql } from '../../gql';

// Hospitals, departments, beds and admissions for the admin console. No admission reason is
// selected: it is clinical, and the API refuses it to administrators.

export const HospitalsQuery = graphql(`
  query Hospitals {
    hospitals {
      id
      name
      code
      address
      timezone
      currency
      departments {
        id
        name
      }
    }
  }
`);

export const HospitalBedsQuery = graphql(`
  query HospitalBeds($hospitalId: ID!) {
    hospitals {
      id
      departments {
        id
        name
        beds {
          id
          ward
          label
          status
          admission {
            id
            admittedAt
            patient {
              id
              firstName
              lastName
            }
          }
        }
      }
    }
    bedAvailability(hospitalId: $hospitalId) {
      department {
        id
      }
      total
      available
      occupied
    }
  }
`);

export const BedAvailabilitySubscription = graphql(`
  subscription BedAvailabilityChanged($hospitalId: ID!) {
    bedAvailabilityChanged(hospitalId: $hospitalId) {
      department {
        id
        name
      }
      total
      available
      occupied
    }
  }
`);

export const CreateHospitalMutation = graphql(`
  mutation CreateHospital($input: CreateHospitalInput!) {
    createHospital(input: $input) {
      id
      name
    }
  }
`);

export const CreateDepartmentMutation = graphql(`
  mutation CreateDepartment($input: CreateDepartmentInput!) {
    createDepartment(input: $input) {
      id
      name
    }
  }
`);

export const CreateBedMutation = graphql(`
  mutation CreateBed($input: CreateBedInput!) {
    createBed(input: $input) {
      id
      status
    }
  }
`);

export const SetBedStatusMutation = graphql(`
  mutation SetBedStatus($id: ID!, $status: BedStatus!) {
    setBedStatus(id: $id, status: $status) {
      id
      status
    }
  }
`);

export const AdmitPatientMutation = graphql(`
  mutation AdmitPatient($input: AdmitPatientInput!) {
    admitPatient(input: $input) {
      id
      bed {
        id
        status
      }
    }
  }
`);

export const DischargePatientMutation = graphql(`
  mutation DischargePatient($admissionId: ID!) {
    dischargePatient(admissionId: $admissionId) {
      id
      dischargedAt
      bed {
        id
        status
      }
    }
  }
`);

export const PatientSearchQuery = graphql(`
  query AdmissionPatientSearch($search: String) {
    patients(search: $search, first: 10) {
      edges {
        node {
          id
          firstName
          lastName
          dateOfBirth
        }
      }
    }
  }
`);

export const UpdateHospitalMutation = graphql(`
  mutation UpdateHospital($id: ID!, $input: UpdateHospitalInput!) {
    updateHospital(id: $id, input: $input) {
      id
      name
      address
      timezone
    }
  }
`);

export const UpdateDepartmentMutation = graphql(`
  mutation UpdateDepartment($id: ID!, $input: UpdateDepartmentInput!) {
    updateDepartment(id: $id, input: $input) {
      id
      name
    }
  }
`);

/** An admitted patient moved to a free bed of the same hospital: the board is read again after. */
export const TransferPatientMutation = graphql(`
  mutation TransferPatient($admissionId: ID!, $bedId: ID!) {
    transferPatient(admissionId: $admissionId, bedId: $bedId) {
      id
      bed {
        id
        status
      }
    }
  }
`);
