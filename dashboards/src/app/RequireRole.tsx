import { Box } from '@chakra-ui/react';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from '../features/auth/AuthProvider';
import { displayName, homePathFor } from '../features/auth/session-user';
import type { Role } from '../gql/graphql';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { AppLayout } from '../shared/layout/AppLayout';
import { ErrorState, LoadingList, PageLoading } from '../shared/ui';

/**
 * Layout route in front of an area: not signed in → `/login?next=…`; another role → that
 * user's own area; otherwise the shared layout around the (lazily loaded) area. A convenience
 * only: the API enforces every rule.
 */
export function RequireRole({ role }: { role: Role }) {
  const { user, status, sessionState, error, retry, signOut } = useAuth();
  const location = useLocation();

  switch (status) {
    case 'anonymous': {
      if (sessionState === 'signed-out') {
        return <Navigate to="/login" replace />;
      }
      const next = `${location.pathname}${location.search}${location.hash}`;
      return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
    }
    case 'error':
      return (
        <Box maxW="lg" mx="auto" mt="16" px="4">
          <ErrorState error={error} title="We could not load your account" onRetry={retry} />
        </Box>
      );
    case 'loading':
      return <PageLoading label="Loading your account…" />;
    case 'signed-in':
      break;
  }
  if (!user) {
    return <PageLoading label="Loading your account…" />;
  }
  if (user.role !== role) {
    return <Navigate to={homePathFor(user.role)} replace />;
  }
  if (user.mfaEnrollmentRequired) {
    // The API refuses this user everything but enrolment until two-step sign-in is set up.
    return <Navigate to="/enrol-mfa" replace />;
  }
  return (
    <AppLayout
      userName={displayName(user)}
      homePath={homePathFor(user.role)}
      onSignOut={() => void signOut()}
      actions={<NotificationBell />}
    >
      <Suspense fallback={<LoadingList label="Loading…" />}>
        <Outlet />
      </Suspense>
    </AppLayout>
  );
}

/** `/`: straight to the user's area, or to sign-in. */
export function HomeRedirect() {
  const { user, status, error, retry } = useAuth();
  if (status === 'error') {
    return (
      <Box maxW="lg" mx="auto" mt="16" px="4">
        <ErrorState error={error} title="We could not load your account" onRetry={retry} />
      </Box>
    );
  }
  if (status === 'anonymous') {
    return <Navigate to="/login" replace />;
  }
  if (!user) {
    return <PageLoading label="Loading your account…" />;
  }
  return <Navigate to={homePathFor(user.role)} replace />;
}
