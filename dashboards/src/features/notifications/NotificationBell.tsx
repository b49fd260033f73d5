import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Badge, Box, Button, Popover, Portal, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { useAuth } from '../auth/AuthProvider';
import {
  MarkAllNotificationsReadMutation,
  MarkNotificationReadMutation,
  NotificationBellQuery,
  NotificationLiveSubscription,
} from './operations';
import type { NotificationKind } from '../../gql/graphql';

const POLL_MS = 60_000;

/**
 * The open pages' queries a live notification makes stale, by its kind: a new or stopped
 * prescription the patient's prescriptions, results the patient's lab orders, a bill or payment
 * the patient's bills, a critical result the doctor's results to review, a repeat asked for the
 * doctor's repeat requests and one declined the patient's prescriptions, an erasure request the
 * administrators' privacy requests and one refused the patient's, an access alert the
 * administrators' access alerts. (Appointment changes arrive over their own subscription.)
 */
const STALE_ON: Partial<Record<NotificationKind, readonly string[]>> = {
  PRESCRIPTION_ISSUED: ['MyPrescriptions'],
  PRESCRIPTION_DISCONTINUED: ['MyPrescriptions'],
  LAB_RESULTS_READY: ['MyLabOrders'],
  LAB_RESULT_CRITICAL: ['LabResultsToReview', 'LabResultsToReviewCount'],
  INVOICE_ISSUED: ['MyInvoices', 'BalanceDue'],
  PAYMENT_RECEIVED: ['MyInvoices', 'BalanceDue'],
  INVOICE_OVERDUE: ['MyInvoices', 'BalanceDue'],
  INVOICE_VOIDED: ['MyInvoices', 'BalanceDue'],
  REPEAT_DECLINED: ['MyPrescriptions'],
  REPEAT_REQUESTED: ['RepeatRequests', 'RepeatRequestCount'],
  ERASURE_REQUESTED: ['AdminErasureRequests'],
  ERASURE_REFUSED: ['MyErasureRequests'],
  ACCESS_ALERT: ['AccessAlerts'],
};

/** A bell drawn in SVG: an emoji bell is a blank box on machines without a colour-emoji font. */
function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

interface Destination {
  readonly to: string;
  readonly label: string;
}

const APPOINTMENTS: Destination = { to: '/patient', label: 'See your appointments' };
const PRESCRIPTIONS: Destination = { to: '/patient/prescriptions', label: 'See your prescriptions' };
const BILLS: Destination = { to: '/patient/billing', label: 'See your bills' };
/** A bill to pay: the bills to pay (the newest first), with what is owed above them. */
const BILLS_TO_PAY: Destination = { to: '/patient/billing?show=to-pay', label: 'See your bills to pay' };
const CALENDAR: Destination = { to: '/doctor', label: 'See your calendar' };

/** Where each kind's subject is seen, by the reader's area (every kind decided: a new one must be). */
const DESTINATIONS: Record<'PATIENT' | 'DOCTOR' | 'ADMIN', Record<NotificationKind, Destination | undefined>> = {
  PATIENT: {
    APPOINTMENT_BOOKED: APPOINTMENTS,
    APPOINTMENT_CONFIRMED: APPOINTMENTS,
    APPOINTMENT_CANCELLED: APPOINTMENTS,
    APPOINTMENT_RESCHEDULED: APPOINTMENTS,
    APPOINTMENT_REMINDER: APPOINTMENTS,
    WAITLIST_OFFER: APPOINTMENTS,
    LAB_RESULTS_READY: { to: '/patient/labs', label: 'See your results' },
    PRESCRIPTION_ISSUED: PRESCRIPTIONS,
    PRESCRIPTION_DISCONTINUED: PRESCRIPTIONS,
    INVOICE_ISSUED: BILLS_TO_PAY,
    PAYMENT_RECEIVED: BILLS,
    INVOICE_OVERDUE: BILLS_TO_PAY,
    INVOICE_VOIDED: BILLS,
    REPEAT_DECLINED: PRESCRIPTIONS,
    LAB_RESULT_CRITICAL: undefined,
    LAB_RESULT_UNATTENDED: undefined,
    WEBHOOK_DISABLED: undefined,
    REPEAT_REQUESTED: undefined,
    EMERGENCY_ACCESS: { to: '/patient/access-log', label: 'See who looked at your chart' },
    ERASURE_REFUSED: { to: '/patient/privacy', label: 'Read the clinic’s answer' },
    ERASURE_REQUESTED: undefined,
    // Which account read their chart is not said; every read of it is in their access log.
    DATA_BREACH: { to: '/patient/access-log', label: 'See your access log' },
    ACCESS_ALERT: undefined,
  },
  DOCTOR: {
    APPOINTMENT_BOOKED: CALENDAR,
    APPOINTMENT_CONFIRMED: CALENDAR,
    APPOINTMENT_CANCELLED: CALENDAR,
    APPOINTMENT_RESCHEDULED: CALENDAR,
    APPOINTMENT_REMINDER: CALENDAR,
    LAB_RESULT_CRITICAL: { to: '/doctor/today', label: 'Review results' },
    REPEAT_REQUESTED: { to: '/doctor/today', label: 'See repeat requests' },
    LAB_RESULT_UNATTENDED: undefined,
    EMERGENCY_ACCESS: undefined,
    WAITLIST_OFFER: undefined,
    LAB_RESULTS_READY: undefined,
    PRESCRIPTION_ISSUED: undefined,
    PRESCRIPTION_DISCONTINUED: undefined,
    INVOICE_ISSUED: undefined,
    PAYMENT_RECEIVED: undefined,
    INVOICE_OVERDUE: undefined,
    INVOICE_VOIDED: undefined,
    WEBHOOK_DISABLED: undefined,
    REPEAT_DECLINED: undefined,
    ERASURE_REQUESTED: undefined,
    ERASURE_REFUSED: undefined,
    ACCESS_ALERT: undefined,
    DATA_BREACH: undefined,
  },
  ADMIN: {
    WEBHOOK_DISABLED: { to: '/admin/webhooks', label: 'See webhooks' },
    // Who is at work (and who is away) is on the doctors' list.
    LAB_RESULT_UNATTENDED: { to: '/admin/doctors', label: 'Find a doctor at work' },
    EMERGENCY_ACCESS: { to: '/admin/audit', label: 'Review in the audit trail' },
    ERASURE_REQUESTED: { to: '/admin/privacy', label: 'See privacy requests' },
    ACCESS_ALERT: { to: '/admin/access-alerts', label: 'Review access alerts' },
    APPOINTMENT_BOOKED: undefined,
    APPOINTMENT_CONFIRMED: undefined,
    APPOINTMENT_CANCELLED: undefined,
    APPOINTMENT_RESCHEDULED: undefined,
    APPOINTMENT_REMINDER: undefined,
    WAITLIST_OFFER: undefined,
    LAB_RESULTS_READY: undefined,
    LAB_RESULT_CRITICAL: undefined,
    PRESCRIPTION_ISSUED: undefined,
    PRESCRIPTION_DISCONTINUED: undefined,
    INVOICE_ISSUED: undefined,
    PAYMENT_RECEIVED: undefined,
    INVOICE_OVERDUE: undefined,
    INVOICE_VOIDED: undefined,
    REPEAT_REQUESTED: undefined,
    REPEAT_DECLINED: undefined,
    ERASURE_REFUSED: undefined,
    DATA_BREACH: undefined,
  },
};

/**
 * Where a notification's subject is seen, by the reader's area: their appointments, results,
 * prescriptions or bills (a patient), the calendar or the results to review (a doctor), the
 * webhooks (an administrator, told of one turned off), the doctors (an administrator asked to
 * find a doctor at work for a critical result), the privacy requests (an administrator, told of
 * a patient asking to close their account; the patient, told of a refusal), the access alerts (an
 * administrator, told of unusual access to charts) or the access log (a patient, told an account
 * that read their chart was misused).
 */
export function notificationDestination(
  kind: NotificationKind,
  role: string | undefined,
  patientId?: string | null,
): Destination | undefined {
  // A doctor's critical result alert opens the patient's chart (a colleague covering without care
  // opens it by emergency access there).
  if (role === 'DOCTOR' && kind === 'LAB_RESULT_CRITICAL' && patientId) {
    return { to: `/doctor/patients/${patientId}`, label: 'Open chart' };
  }
  return role === 'PATIENT' || role === 'DOCTOR' || role === 'ADMIN' ? DESTINATIONS[role][kind] : undefined;
}

/** How many notifications the bell lists (the query's `first`). */
const LISTED = 10;

/**
 * The bell in the top bar: the unread count and the latest notifications, kept live (each new
 * notification of the user arrives over the subscription and goes straight into the cache; a
 * minute's poll catches anything missed while disconnected), mark read.
 */
export function NotificationBell() {
  const { data } = useQuery(NotificationBellQuery, { pollInterval: POLL_MS });
  useSubscription(NotificationLiveSubscription, {
    onData: ({ client, data: live }) => {
      const received = live.data?.notificationReceived;
      if (!received) {
        return;
      }
      const stale = STALE_ON[received.kind];
      if (stale) {
        // Only those on screen now: a page opened later reads afresh anyway.
        void client.refetchQueries({
          include: 'active',
          onQueryUpdated: (query) => query.queryName !== undefined && stale.includes(query.queryName),
        });
      }
      client.cache.updateQuery({ query: NotificationBellQuery }, (current) => {
        if (!current || current.notifications.edges.some((edge) => edge.node.id === received.id)) {
          return current;
        }
        return {
          ...current,
          unreadNotificationCount: current.unreadNotificationCount + (received.readAt ? 0 : 1),
          notifications: {
            ...current.notifications,
            edges: [{ __typename: 'NotificationEdge' as const, node: received }, ...current.notifications.edges].slice(
              0,
              LISTED,
            ),
          },
        };
      });
    },
  });
  const refresh = { refetchQueries: [NotificationBellQuery] };
  const [markRead] = useMutation(MarkNotificationReadMutation, refresh);
  const [markAll, markAllState] = useMutation(MarkAllNotificationsReadMutation, refresh);
  const unread = data?.unreadNotificationCount ?? 0;
  const items = data?.notifications.edges.map((edge) => edge.node) ?? [];
  const zone = viewerTimeZone();
  const { user } = useAuth();
  const [open, setOpen] = useState(false);

  return (
    <Popover.Root positioning={{ placement: 'bottom-end' }} open={open} onOpenChange={(event) => setOpen(event.open)}>
      <Popover.Trigger asChild>
        <Button
          size="sm"
          variant="ghost"
          aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
          position="relative"
          flexShrink={0}
        >
          <BellIcon />
          {unread > 0 ? (
            <Badge
              colorPalette="red"
              variant="solid"
              size="xs"
              position="absolute"
              top="0"
              insetEnd="0"
              borderRadius="full"
            >
              {unread > 99 ? '99+' : unread}
            </Badge>
          ) : null}
        </Button>
      </Popover.Trigger>
      <Portal>
        <Popover.Positioner>
          <Popover.Content width={{ base: '90vw', sm: 'sm' }}>
            <Popover.Body p="0">
              <Stack gap="0">
                <Box px="4" py="3" borderBottomWidth="1px" display="flex" alignItems="center">
                  <Text fontWeight="semibold" flex="1">
                    Notifications
                  </Text>
                  {unread > 0 ? (
                    <Button size="xs" variant="ghost" loading={markAllState.loading} onClick={() => void markAll()}>
                      Mark all read
                    </Button>
                  ) : null}
                </Box>
                {items.length === 0 ? (
                  <Text px="4" py="6" color="fg.muted">
                    No notifications yet.
                  </Text>
                ) : (
                  <Stack as="ul" gap="0" listStyleType="none" maxH="70vh" overflowY="auto">
                    {items.map((item) => {
                      const destination = notificationDestination(item.kind, user?.role, item.patientId);
                      return (
                        <Box
                          as="li"
                          key={item.id}
                          px="4"
                          py="3"
                          borderBottomWidth="1px"
                          bg={item.readAt ? undefined : 'brand.subtle'}
                        >
                          <Text fontWeight={item.readAt ? 'normal' : 'semibold'}>{item.title}</Text>
                          <Text fontSize="sm" color="fg.muted">
                            {item.body}
                          </Text>
                          <Box display="flex" alignItems="center" mt="1">
                            <Text fontSize="xs" color="fg.muted" flex="1">
                              {formatDateTime(item.createdAt, zone)}
                            </Text>
                            {destination ? (
                              <Button asChild size="xs" variant="ghost" me="2">
                                <RouterLink
                                  to={destination.to}
                                  onClick={() => {
                                    // Opened: read, and the bell closes on the page it leads to.
                                    if (!item.readAt) {
                                      void markRead({ variables: { id: item.id } });
                                    }
                                    setOpen(false);
                                  }}
                                >
                                  {destination.label}
                                </RouterLink>
                              </Button>
                            ) : null}
                            {item.readAt ? null : (
                              <Button
                                size="xs"
                                variant="outline"
                                onClick={() => void markRead({ variables: { id: item.id } })}
                              >
                                Mark read
                              </Button>
                            )}
                          </Box>
                        </Box>
                      );
                    })}
                  </Stack>
                )}
              </Stack>
            </Popover.Body>
          </Popover.Content>
        </Popover.Positioner>
      </Portal>
    </Popover.Root>
  );
}
