import { graphql } from '../../gql';

export const ThreadSummaryFragment = graphql(`
  fragment ThreadSummary on MessageThread {
    id
    subject
    lastMessageAt
    unreadCount
    readOnly
    patient {
      id
      firstName
      lastName
    }
    doctor {
      id
      firstName
      lastName
      specialization
      awayUntil
    }
  }
`);

export const MessageThreadsQuery = graphql(`
  query MessageThreads($after: String) {
    messageThreads(first: 20, after: $after) {
      totalCount
      edges {
        node {
          id
          ...ThreadSummary
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const MessageFieldsFragment = graphql(`
  fragment MessageFields on Message {
    id
    body
    sentAt
    readAt
    mine
    attachments {
      id
      ...AttachmentFile
    }
  }
`);

/**
 * A conversation's newest messages (older ones a page at a time with `after`; the cache's type
 * policy keeps the pages together when new messages arrive). A fresh download link (they last
 * minutes) is asked for when the link is followed.
 */
export const MessageThreadQuery = graphql(`
  query MessageThread($id: ID!, $after: String) {
    messageThread(id: $id) {
      id
      ...ThreadSummary
      messages(first: 30, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            ...MessageFields
          }
        }
      }
    }
  }
`);

export const UnreadMessageCountQuery = graphql(`
  query UnreadMessageCount {
    unreadMessageCount
  }
`);

export const MessageReceivedSubscription = graphql(`
  subscription MessageReceived {
    messageReceived {
      id
      thread {
        id
      }
    }
  }
`);

export const SendMessageMutation = graphql(`
  mutation SendMessage($threadId: ID!, $body: String!, $attachmentIds: [ID!]) {
    sendMessage(threadId: $threadId, body: $body, attachmentIds: $attachmentIds) {
      id
      ...MessageFields
    }
  }
`);

export const StartThreadMutation = graphql(`
  mutation StartThread($input: StartThreadInput!) {
    startThread(input: $input) {
      id
      ...ThreadSummary
    }
  }
`);

export const MarkThreadReadMutation = graphql(`
  mutation MarkThreadRead($threadId: ID!) {
    markThreadRead(threadId: $threadId) {
      id
      unreadCount
    }
  }
`);

export const CareTeamQuery = graphql(`
  query CareTeam {
    careTeam {
      id
      firstName
      lastName
      specialization
      awayUntil
    }
  }
`);
