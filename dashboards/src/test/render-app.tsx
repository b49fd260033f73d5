import { RepeatRequestCountQuery } from '../features/prescriptions/operations';
import { ApolloLink } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Subject } from 'rxjs';
import { createApolloClient } from '../app/apollo';
import { Providers } from '../app/Providers';
import { routes } from '../app/router';
import { UnreadMessageCountQuery } from '../features/messages/operations';
import { MeQuery } from '../features/auth/operations';
import { NotificationBellQuery, NotificationLiveSubscription } from '../features/notifications/operations';
import { SessionStore } from '../features/auth/session';
import { BookingRequestsQuery } from '../features/schedule/operations';
import { startOfToday } from '../features/schedule/useDoctorSchedule';
import type { SessionUser } from '../features/auth/session-user';
import { MemoryStorage } from './memory-storage';
import { DoctorWaitlistQuery, MyWaitlistQuery } from '../features/waitlist/operations';

/** Users as `me` answers them (with `__typename`, as the cache expects). */
export const testUsers = {
  patient: {
    __typename: 'User',
    id: '00000000-0000-4000-8000-000000000001',
    email: 'patient@clinic.test',
    emailVerified: true,
    role: 'PATIENT',
    mfaEnabled: false,
    mfaEnrollmentRequired: false,
    patient: { __typename: 'Patient', id: '00000000-0000-4000-8000-0000000000a1', firstName: 'Pat', lastName: 'Jones' },
    doctor: null,
  },
  doctor: {
    __typename: 'User',
    id: '00000000-0000-4000-8000-000000000002',
    email: 'doctor@clinic.test',
    emailVerified: true,
    role: 'DOCTOR',
    mfaEnabled: false,
    mfaEnrollmentRequired: false,
    patient: null,
    doctor: {
      __typename: 'Doctor',
      id: '00000000-0000-4000-8000-0000000000d1',
      firstName: 'Dana',
      lastName: 'Reyes',
      timezone: 'Europe/London',
    },
  },
  admin: {
    __typename: 'User',
    id: '00000000-0000-4000-8000-000000000003',
    email: 'admin@clinic.test',
    emailVerified: true,
    role: 'ADMIN',
    mfaEnabled: false,
    mfaEnrollmentRequired: false,
    patient: null,
    doctor: null,
  },
} as const;

/** The mocked answer to `me` for a signed-in test user. */
export function meMock(user: SessionUser): MockLink.MockedResponse {
  return { request: { query: MeQuery }, result: { data: { me: user } }, maxUsageCount: Number.POSITIVE_INFINITY };
}

/** The unread-messages badge every patient and doctor page asks for: none unread. */
const unreadMock: MockLink.MockedResponse = {
  request: { query: UnreadMessageCountQuery },
  result: { data: { unreadMessageCount: 0 } },
  maxUsageCount: Number.POSITIVE_INFINITY,
};
/** The top bar's notification bell: nothing unread, no live events (pages' tests mock their own). */
const bellMocks: MockLink.MockedResponse[] = [
  {
    request: { query: NotificationBellQuery },
    result: {
      data: {
        unreadNotificationCount: 0,
        notifications: { __typename: 'NotificationConnection', edges: [] },
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
  {
    request: { query: NotificationLiveSubscription },
    result: { data: null },
    delay: Number.POSITIVE_INFINITY,
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
];

/** The doctor's new booking requests (the nav badge, the calendar's list): none, unless a test mocks its own. */
function noRequestsMock(): MockLink.MockedResponse {
  return {
    request: { query: BookingRequestsQuery, variables: { from: startOfToday() } },
    result: {
      data: {
        appointments: {
          __typename: 'AppointmentConnection',
          totalCount: 0,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          edges: [],
        },
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}
/** The repeat requests waiting for the doctor (the Today tab's badge): none, unless a test mocks its own. */
const noRepeatsMock: MockLink.MockedResponse = {
  request: { query: RepeatRequestCountQuery },
  result: { data: { repeatRequestCount: 0 } },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

/** The waitlists the patient's home and the doctor's schedule show: nobody waiting (pages' tests mock their own). */
const waitlistMocks: MockLink.MockedResponse[] = [
  {
    request: { query: MyWaitlistQuery },
    result: { data: { myWaitlist: [] } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
  {
    request: { query: DoctorWaitlistQuery, variables: { doctorId: testUsers.doctor.doctor.id } },
    result: { data: { doctorWaitlist: [] } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  },
];

export interface RenderAppOptions {
  /** Where the app starts, e.g. `/doctor/calendar`. */
  readonly path?: string;
  /** Start signed in as this user (adds the `me` mock, after the test's own: a test's `me` answers first). */
  readonly signedInAs?: SessionUser;
  /** The API's answers, matched by operation and variables (Apollo Client 4 `MockLink`). */
  readonly mocks?: readonly MockLink.MockedResponse[];
  /** The address's state, as a link with `state` leaves it (the path is then a pathname, no query). */
  readonly state?: unknown;
  /**
   * Operations (by name, e.g. a subscription) answered by the test whenever it chooses instead of
   * by a mock: each gets the returned subject, which the test pushes results to (`next`).
   */
  readonly live?: readonly string[];
}

/**
 * The whole app (real routes, providers, auth links) in a memory router, with the network
 * replaced by a `MockLink`. Returns the router (assert `router.state.location.pathname`), the
 * session, the client, a user-event instance and `requests` (operation names sent, in order).
 */
export function renderApp({ path = '/', signedInAs, mocks = [], state, live = [] }: RenderAppOptions = {}) {
  const session = new SessionStore(new MemoryStorage());
  if (signedInAs) {
    session.save({
      accessToken: 'test-access-token',
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    });
  }
  const link = new MockLink(
    [
      ...(signedInAs ? [unreadMock] : []),
      ...mocks,
      // `me` after the test's own too, so that a test can answer it otherwise first (and this after).
      ...(signedInAs ? [meMock(signedInAs)] : []),
      // The bell's defaults after the test's own mocks too, so that a test can make it ring.
      ...(signedInAs ? bellMocks : []),
      // After the test's own mocks, so that a test's answer comes first.
      ...(signedInAs?.role === 'DOCTOR' ? [noRequestsMock(), noRepeatsMock] : []),
      ...(signedInAs ? waitlistMocks : []),
    ],
    { showWarnings: true },
  );
  // Names of the operations that reached the network, in order.
  const requests: string[] = [];
  const recorder = new ApolloLink((operation, forward) => {
    requests.push(operation.operationName ?? '(anonymous)');
    return forward(operation);
  });
  // What the test pushes to the `live` operations, by name.
  const feeds = new Map(live.map((name) => [name, new Subject<ApolloLink.Result>()]));
  const pushed = new ApolloLink((operation, forward) => feeds.get(operation.operationName ?? '') ?? forward(operation));
  const client = createApolloClient({ session, transport: ApolloLink.from([recorder, pushed, link]) });
  const router = createMemoryRouter(routes, {
    initialEntries: [state === undefined ? path : { pathname: path, state }],
  });
  const user = userEvent.setup();
  // The cookie endpoints (/auth/logout, /auth/refresh) the app calls outside GraphQL.
  const authCalls: { url: string; csrf: string | null }[] = [];
  const authFetch: typeof fetch = (input, init) => {
    authCalls.push({
      url: input instanceof Request ? input.url : input.toString(),
      csrf: new Headers(init?.headers).get('x-csrf-protection'),
    });
    return Promise.resolve(new Response(null, { status: 204 }));
  };
  const view = render(
    <Providers services={{ session, client, fetch: authFetch }}>
      <RouterProvider router={router} />
    </Providers>,
  );
  /** Sends `result` to the `live` operation `name` (to every subscriber to it). */
  const push = (name: string, result: ApolloLink.Result) => {
    const feed = feeds.get(name);
    if (!feed) {
      throw new Error(`"${name}" is not one of renderApp's live operations`);
    }
    feed.next(result);
  };
  return { ...view, user, router, session, client, requests, authCalls, push };
}
