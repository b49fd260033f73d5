import { graphql } from '../../gql';

/** Who is signed in: what the router and the top bar need. */
export const SessionUserFragment = graphql(`
  fragment SessionUser on User {
    id
    email
    role
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
      refreshToken
      expiresAt
      user {
        id
        ...SessionUser
      }
    }
  }
`);

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      refreshToken
      expiresAt
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);
