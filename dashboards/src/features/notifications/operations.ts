import { graphql } from '../../gql';

export const NotificationBellQuery = graphql(`
  query NotificationBell {
    unreadNotificationCount
    notifications(first: 10) {
      edges {
        node {
          id
          kind
          title
          body
          createdAt
          readAt
          patientId
        }
      }
    }
  }
`);

export const NotificationLiveSubscription = graphql(`
  subscription NotificationLive {
    notificationReceived {
      id
      kind
      title
      body
      createdAt
      readAt
      patientId
    }
  }
`);

export const MarkNotificationReadMutation = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      id
      readAt
    }
  }
`);

export const MarkAllNotificationsReadMutation = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);
