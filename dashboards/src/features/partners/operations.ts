import { graphql } from '../../gql';

export const AdminApiClientsQuery = graphql(`
  query AdminApiClients($after: String) {
    apiClients(first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          scopes
          insurer
          active
          createdAt
          secretIssuedAt
          previousSecretValidUntil
          revokedAt
          consentCount
          webhooks {
            id
            url
            active
            disabledAt
          }
        }
      }
    }
    apiScopes {
      name
      description
    }
  }
`);

export const CreateApiClientMutation = graphql(`
  mutation CreateApiClient($input: CreateApiClientInput!) {
    createApiClient(input: $input) {
      clientSecret
      client {
        id
        name
      }
    }
  }
`);

export const RotateApiClientSecretMutation = graphql(`
  mutation RotateApiClientSecret($id: ID!, $graceSeconds: Int) {
    rotateApiClientSecret(id: $id, graceSeconds: $graceSeconds) {
      clientSecret
      client {
        id
        name
        secretIssuedAt
        previousSecretValidUntil
      }
    }
  }
`);

export const RevokeApiClientMutation = graphql(`
  mutation RevokeApiClient($id: ID!) {
    revokeApiClient(id: $id) {
      id
      active
      revokedAt
    }
  }
`);

export const MySharingQuery = graphql(`
  query MySharing {
    sharingPartners {
      id
      name
      scopes
    }
    myConsents {
      id
      purpose
      active
      grantedAt
      revokedAt
      apiClient {
        id
        name
      }
    }
    apiScopes {
      name
      forPatient
    }
  }
`);

export const GrantSharingMutation = graphql(`
  mutation GrantSharing($apiClientId: ID!) {
    grantConsent(input: { purpose: DATA_SHARING, apiClientId: $apiClientId }) {
      id
      active
    }
  }
`);

export const RevokeSharingMutation = graphql(`
  mutation RevokeSharing($id: ID!) {
    revokeConsent(id: $id) {
      id
      active
      revokedAt
    }
  }
`);
