import { graphql } from '../../gql';

export const HoldSlotMutation = graphql(`
  mutation HoldSlot($doctorId: ID!, $startsAt: DateTime!, $patientId: ID) {
    holdSlot(doctorId: $doctorId, startsAt: $startsAt, patientId: $patientId) {
      id
      doctorId
      startsAt
      expiresAt
    }
  }
`);

export const ReleaseSlotHoldMutation = graphql(`
  mutation ReleaseSlotHold($id: ID!) {
    releaseSlotHold(id: $id)
  }
`);

export const WaitlistEntryFields = graphql(`
  fragment WaitlistEntryFields on WaitlistEntry {
    id
    status
    from
    to
    specialization
    createdAt
    doctor {
      id
      firstName
      lastName
      timezone
    }
    offer {
      id
      startsAt
      endsAt
      expiresAt
    }
  }
`);

export const MyWaitlistQuery = graphql(`
  query MyWaitlist {
    myWaitlist {
      id
      ...WaitlistEntryFields
    }
  }
`);

export const JoinWaitlistMutation = graphql(`
  mutation JoinWaitlist($input: JoinWaitlistInput!) {
    joinWaitlist(input: $input) {
      id
      ...WaitlistEntryFields
    }
  }
`);

export const AcceptWaitlistOfferMutation = graphql(`
  mutation AcceptWaitlistOffer($id: ID!) {
    acceptWaitlistOffer(id: $id) {
      id
      startsAt
      status
    }
  }
`);

export const LeaveWaitlistMutation = graphql(`
  mutation LeaveWaitlist($id: ID!) {
    leaveWaitlist(id: $id) {
      id
      ...WaitlistEntryFields
    }
  }
`);

export const DoctorWaitlistQuery = graphql(`
  query DoctorWaitlist($doctorId: ID!) {
    doctorWaitlist(doctorId: $doctorId) {
      id
      status
      patientName
      specialization
      from
      to
      createdAt
      offer {
        id
        startsAt
        expiresAt
      }
    }
  }
`);
