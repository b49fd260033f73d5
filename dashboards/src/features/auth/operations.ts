import { graphql } from '../../gql';

/** Who is signed in: what the router and the top bar need. */
export const SessionUserFragment = graphql(`
  fragment SessionUser on User {
    id
    email
    emailVerified
    role
    mfaEnabled
    mfaEnrollmentRequired
    patient {
      id
      firstName
      lastName
    }
    doctor {
      id
      firstName
      lastName
      timezone
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      id
      ...SessionUser
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      expiresAt
      user {
        id
        ...SessionUser
      }
    }
  }
`);

export const CompleteMfaLoginMutation = graphql(`
  mutation CompleteMfaLogin($challenge: String!, $code: String!) {
    completeMfaLogin(challenge: $challenge, code: $code) {
      accessToken
      expiresAt
      user {
        id
        ...SessionUser
      }
    }
  }
`);

export const RegisterPatientMutation = graphql(`
  mutation RegisterPatient($input: RegisterPatientInput!) {
    registerPatient(input: $input) {
      accessToken
      expiresAt
      user {
        id
        ...SessionUser
      }
    }
  }
`);
