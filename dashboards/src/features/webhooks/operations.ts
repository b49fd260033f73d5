import { graphql } from '../../gql';

export const WebhooksQuery = graphql(`
  query AdminWebhooks {
    webhooks {
      id
      url
      events
      claimEvents
      active
      createdAt
      failingSince
      disabledAt
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($webhookId: ID!, $first: Int = 20, $after: String) {
    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          eventId
          type
          eventKind
          claimKind
          attempt
          succeeded
          statusCode
          durationMs
          errorClass
          attemptedAt
          nextAttemptAt
        }
      }
    }
  }
`);

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
        url
      }
    }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

export const ReactivateWebhookMutation = graphql(`
  mutation ReactivateWebhook($id: ID!) {
    reactivateWebhook(id: $id) {
      id
      active
      failingSince
      disabledAt
    }
  }
`);

export const TestWebhookMutation = graphql(`
  mutation TestWebhook($id: ID!) {
    testWebhook(id: $id) {
      messageId
      succeeded
      statusCode
      durationMs
      errorClass
    }
  }
`);
