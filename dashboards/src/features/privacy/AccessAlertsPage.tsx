import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Badge,
  Box,
  Button,
  CloseButton,
  Dialog,
  Field,
  Flex,
  Heading,
  List,
  Portal,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@chakra-ui/react';
import { useEffect, useRef, useState } from 'react';
import type { AccessAlertsQuery as AccessAlertsData, AccessAlertStatus } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { formatCount } from '../../shared/format-number';
import { errorCode, errorReason, fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { EmptyState, ErrorState, LoadingList, SelectField } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useAddressParams } from '../../shared/useAddressParams';
import { useLoadMore } from '../../shared/useLoadMore';
import { PageHeader } from '../admin/ui';
import { useAuth } from '../auth/AuthProvider';
import {
  AccessAlertStatusBadge,
  accessAlertRuleLabel,
  accountRoleLabel,
  describeAccessAlert,
  formatWindow,
  isReportDue,
  NOTE_MAX,
  NOTE_MIN,
  timeLeft,
} from './access-alert-wording';
import { AccessAlertsQuery, ReviewAccessAlertMutation } from './operations';
import { Fact } from './Fact';

type Row = AccessAlertsData['accessAlerts']['edges'][number]['node'];

/** The filter's choices: those waiting for a review, those reviewed (either way), or every alert. */
const FILTERS = [
  { value: 'OPEN', label: 'Open', statuses: ['OPEN'] },
  { value: 'REVIEWED', label: 'Reviewed', statuses: ['DISMISSED', 'BREACH'] },
  { value: 'ALL', label: 'All alerts', statuses: undefined },
] as const satisfies readonly { value: string; label: string; statuses: readonly AccessAlertStatus[] | undefined }[];
type Shown = (typeof FILTERS)[number]['value'];
/** What the list shows with no choice in the address: what still needs a review. */
const DEFAULT_SHOWN: Shown = 'OPEN';

const EMPTY: Record<Shown, string> = {
  OPEN: 'None is waiting for a review.',
  REVIEWED: 'None has been reviewed yet.',
  ALL: 'The audit trail is searched for unusual access every ten minutes; nothing has been found.',
};

/** The clock the report deadlines are shown against: a minute's precision is enough for 72 hours. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * `/admin/access-alerts`: unusual access to patients' charts that the API finds in the audit trail
 * (an account reading far more charts in an hour than it ever did, a doctor breaking the glass again
 * and again), newest first — those waiting for a review unless another choice is made. Each is
 * reviewed with a note: explained (not a breach), or confirmed as a breach, which locks the account
 * out, tells its patients and starts the 72 hours for telling the supervisory authority.
 */
export function AccessAlertsPage() {
  const { params, keep } = useAddressParams();
  const filter = FILTERS.find((choice) => choice.value === params.get('status')) ?? FILTERS[0];
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(AccessAlertsQuery, {
    variables: { status: filter.statuses ? [...filter.statuses] : undefined },
  });
  const alerts = data?.accessAlerts.edges.map((edge) => edge.node) ?? [];
  const pageInfo = data?.accessAlerts.pageInfo;
  const more = useLoadMore(pageInfo, fetchMore, networkStatus);
  // The alert being reviewed; kept (closed) while its dialog closes, so its words stay until gone.
  const [reviewing, setReviewing] = useState<{ alert: Row; open: boolean }>();
  const [notice, setNotice] = useState<string>();
  const { user } = useAuth();
  const zone = viewerTimeZone();
  const now = useMinuteClock();

  return (
    <Stack gap="4">
      <PageHeader
        title="Access alerts"
        description="Unusual access to patients’ charts, found in the audit trail every ten minutes. Review each one: either the access is explained, or it is a breach — the account is locked out, its patients are told, and the supervisory authority must be told within 72 hours."
      />
      <Flex gap="3" align="flex-end" wrap="wrap">
        <Box minW="56" flex={{ base: '1', sm: '0 1 auto' }}>
          <SelectField
            label="Show"
            value={filter.value}
            onChange={(value) => keep('status', value === DEFAULT_SHOWN ? '' : value)}
            options={FILTERS}
          />
        </Box>
      </Flex>
      {notice ? (
        <Alert.Root status="success" role="status">
          <Alert.Indicator />
          <Alert.Title>{notice}</Alert.Title>
        </Alert.Root>
      ) : null}
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList label="Loading access alerts…" />
      ) : alerts.length === 0 ? (
        <EmptyState title="No access alerts" description={EMPTY[filter.value]} />
      ) : (
        <>
          <Stack as="ul" gap="3" p="0" m="0" listStyleType="none" aria-label="Access alerts">
            {alerts.map((alert) => (
              <AlertCard
                key={alert.id}
                alert={alert}
                zone={zone}
                now={now}
                own={alert.actorId === user?.id}
                onReview={() => {
                  setNotice(undefined);
                  setReviewing({ alert, open: true });
                }}
              />
            ))}
          </Stack>
          <LoadMore
            total={data?.accessAlerts.totalCount}
            count={alerts.length}
            noun="alert"
            hasNextPage={pageInfo?.hasNextPage}
            more={more}
          />
        </>
      )}
      <ReviewDialog
        alert={reviewing?.alert}
        open={Boolean(reviewing?.open)}
        zone={zone}
        onClose={(done) => {
          setReviewing((current) => current && { ...current, open: false });
          if (done) {
            setNotice(done);
          }
        }}
      />
    </Stack>
  );
}

/**
 * One alert: what happened, whose account, when; reviewed, what the review found (and for a breach
 * the patients told and the authority's deadline); waiting, its "Review" (not on one's own account).
 */
function AlertCard({
  alert,
  zone,
  now,
  own,
  onReview,
}: {
  alert: Row;
  zone: string;
  now: number;
  /** About the signed-in administrator's own account: another administrator reviews it. */
  own: boolean;
  onReview: () => void;
}) {
  const whatId = `access-alert-${alert.id}`;
  const reportDue = isReportDue(alert, now);
  return (
    <Box
      as="li"
      borderWidth="1px"
      borderRadius="l3"
      p="4"
      bg="bg"
      borderStartWidth={alert.status === 'BREACH' ? '4px' : undefined}
      borderStartColor={alert.status === 'BREACH' ? 'red.solid' : undefined}
    >
      <Stack gap="3">
        <Flex gap="2" align="center" wrap="wrap">
          <AccessAlertStatusBadge status={alert.status} />
          <Text fontSize="sm" color="fg.muted">
            {accessAlertRuleLabel(alert.rule)}
          </Text>
        </Flex>
        <Heading as="h2" size="md" id={whatId} overflowWrap="anywhere">
          {describeAccessAlert(alert)}
        </Heading>
        <SimpleGrid as="dl" columns={{ base: 1, sm: 3 }} gap="3" m="0">
          <Fact label="Account">
            <Text as="span" overflowWrap="anywhere">
              {alert.actorName}
            </Text>{' '}
            <Badge size="sm" variant="outline">
              {accountRoleLabel(alert.actorRole)}
            </Badge>
          </Fact>
          <Fact label="When">{formatWindow(alert.windowStart, alert.windowEnd, zone)}</Fact>
          {alert.reviewedAt ? <Fact label="Reviewed">{formatDateTime(alert.reviewedAt, zone)}</Fact> : null}
        </SimpleGrid>
        {alert.note ? (
          <Box as="dl" m="0" bg="bg.subtle" borderRadius="l2" p="3">
            <Fact label="What the review found">
              <Text as="span" whiteSpace="pre-wrap" overflowWrap="anywhere">
                {alert.note}
              </Text>
            </Fact>
          </Box>
        ) : null}
        {alert.status === 'BREACH' ? (
          <Stack gap="2">
            <Text fontSize="sm">
              Account locked out.{' '}
              {alert.patientsNotified === null || alert.patientsNotified === undefined
                ? null
                : `${formatCount(alert.patientsNotified)} ${alert.patientsNotified === 1 ? 'patient' : 'patients'} told, in the app and by e-mail.`}
            </Text>
            {alert.reportDueAt ? (
              reportDue ? (
                <Alert.Root status="warning" borderRadius="l2">
                  <Alert.Indicator />
                  <Alert.Content>
                    <Alert.Title fontWeight="semibold">
                      Report to the supervisory authority by {formatDateTime(alert.reportDueAt, zone)}
                    </Alert.Title>
                    <Alert.Description>
                      {timeLeft(alert.reportDueAt, now)}: the law (GDPR Art. 33) allows 72 hours from the breach’s
                      confirmation.
                    </Alert.Description>
                  </Alert.Content>
                </Alert.Root>
              ) : (
                <Text fontSize="sm" color="fg.muted">
                  The report to the supervisory authority was due by {formatDateTime(alert.reportDueAt, zone)}.
                </Text>
              )
            ) : null}
          </Stack>
        ) : null}
        {alert.status === 'OPEN' ? (
          own ? (
            <Text fontSize="sm" color="fg.muted">
              This alert is about your own account: another administrator reviews it.
            </Text>
          ) : (
            <Flex>
              <Button size="sm" colorPalette="brand" aria-describedby={whatId} onClick={onReview}>
                Review
              </Button>
            </Flex>
          )
        ) : null}
      </Stack>
    </Box>
  );
}

/** Why the review was refused, in the administrator's words. */
function reviewProblem(error: unknown): string {
  if (errorReason(error) === 'ACCESS_ALERT_ALREADY_REVIEWED') {
    return 'Another administrator has reviewed this alert meanwhile; the list now shows their review.';
  }
  if (errorCode(error) === 'FORBIDDEN') {
    return 'This alert is about your own account, so another administrator must review it.';
  }
  return plainMessage(error);
}

/** What confirming a breach does to the account, by whose it is. */
function lockOutLine(alert: Row): string {
  return alert.actorRole === 'PARTNER'
    ? `${alert.actorName}’s API client is revoked: its requests are refused from now on.`
    : `${alert.actorName}’s account is locked out: signed out everywhere and its password voided, so only its owner gets back in, by resetting the password.`;
}

/**
 * "Review": what the review found (required, kept with the alert), then "Not a breach" or
 * "Confirm breach", with what the latter does spelled out. The list is read again once reviewed;
 * refused because another administrator reviewed it meanwhile, it is read again too.
 */
function ReviewDialog({
  alert,
  open,
  zone,
  onClose,
}: {
  alert: Row | undefined;
  open: boolean;
  zone: string;
  /** With what to tell the administrator once reviewed. */
  onClose: (done?: string) => void;
}) {
  const [mutate, { loading, error, reset, client }] = useMutation(ReviewAccessAlertMutation, {
    refetchQueries: [AccessAlertsQuery],
    awaitRefetchQueries: true,
  });
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string>();
  const [choice, setChoice] = useState<'dismiss' | 'breach'>();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const server = fieldErrors(error);
  const fieldError = problem ?? server['note'];
  // Reviewed by someone else, or one's own: no choice here can succeed.
  const settled = errorReason(error) === 'ACCESS_ALERT_ALREADY_REVIEWED' || errorCode(error) === 'FORBIDDEN';
  const close = (done?: string) => {
    setNote('');
    setProblem(undefined);
    setChoice(undefined);
    reset();
    onClose(done);
  };
  const review = (breach: boolean) => {
    if (!alert) {
      return;
    }
    const trimmed = note.trim();
    if (trimmed.length < NOTE_MIN) {
      setProblem(`Say what the review found, in at least ${NOTE_MIN} characters.`);
      noteRef.current?.focus();
      return;
    }
    setProblem(undefined);
    setChoice(breach ? 'breach' : 'dismiss');
    mutate({ variables: { id: alert.id, input: { breach, note: trimmed } } })
      .then((result) => {
        const reviewed = result.data?.reviewAccessAlert;
        if (!breach) {
          close(`The alert about ${alert.actorName} was closed as not a breach.`);
          return;
        }
        const told = reviewed?.patientsNotified ?? 0;
        close(
          `Breach confirmed. ${alert.actorRole === 'PARTNER' ? `${alert.actorName}’s API client is revoked` : `${alert.actorName}’s account is locked out`} and ${formatCount(told)} ${told === 1 ? 'patient was' : 'patients were'} told.${reviewed?.reportDueAt ? ` Report it to the supervisory authority by ${formatDateTime(reviewed.reportDueAt, zone)}.` : ''}`,
        );
      })
      .catch((caught: unknown) => {
        if (errorReason(caught) === 'ACCESS_ALERT_ALREADY_REVIEWED') {
          void client.refetchQueries({ include: [AccessAlertsQuery] });
        }
        if (fieldErrors(caught)['note']) {
          noteRef.current?.focus();
        }
      });
  };
  const patientCount = alert ? alert.patientCount : 0;
  return (
    <Dialog.Root
      open={open && Boolean(alert)}
      onOpenChange={(details) => {
        if (!details.open && !loading) {
          close();
        }
      }}
      initialFocusEl={() => noteRef.current}
      placement="center"
      size={{ mdDown: 'full', md: 'lg' }}
      scrollBehavior="inside"
    >
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content>
            <Dialog.Header>
              <Dialog.Title>Review the alert about {alert?.actorName}</Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>
              <Stack gap="4">
                {alert ? (
                  <Dialog.Description>
                    {describeAccessAlert(alert)} ({formatWindow(alert.windowStart, alert.windowEnd, zone)}).
                  </Dialog.Description>
                ) : null}
                {error && !server['note'] ? (
                  <Alert.Root status="error" role="alert">
                    <Alert.Indicator />
                    <Alert.Description>{reviewProblem(error)}</Alert.Description>
                  </Alert.Root>
                ) : null}
                <Field.Root required invalid={Boolean(fieldError)} disabled={settled}>
                  <Field.Label>
                    What the review found
                    <Field.RequiredIndicator />
                  </Field.Label>
                  <Textarea
                    ref={noteRef}
                    rows={4}
                    maxLength={NOTE_MAX}
                    value={note}
                    onChange={(e) => {
                      setNote(e.target.value);
                      // A problem with the note is gone once it is being corrected.
                      setProblem(undefined);
                      if (server['note']) {
                        reset();
                      }
                    }}
                    placeholder="e.g. Dr Ng explained the reads: the quarterly review of the diabetes clinic, agreed with the head of department."
                  />
                  {fieldError ? (
                    <Field.ErrorText>{fieldError}</Field.ErrorText>
                  ) : (
                    <Field.HelperText>
                      Who explained the access and how, or what shows it was misuse: {NOTE_MIN} to{' '}
                      {formatCount(NOTE_MAX)} characters. It is kept with the alert.
                    </Field.HelperText>
                  )}
                </Field.Root>
                {alert ? (
                  <Box borderWidth="1px" borderColor="red.muted" bg="red.subtle" borderRadius="l2" p="3" fontSize="sm">
                    <Text fontWeight="semibold">Confirming a breach happens at once and cannot be undone:</Text>
                    <List.Root ps="5" gap="1" mt="1">
                      <List.Item>{lockOutLine(alert)}</List.Item>
                      <List.Item>
                        The {patientCount === 1 ? 'patient' : `${formatCount(patientCount)} patients`} whose charts it
                        read {patientCount === 1 ? 'is' : 'are'} told, in the app and by e-mail.
                      </List.Item>
                      <List.Item>
                        The clinic must tell the supervisory authority within 72 hours (GDPR Art. 33); the deadline
                        shows on the alert.
                      </List.Item>
                    </List.Root>
                    <Text mt="2">“Not a breach” only closes the alert with your note.</Text>
                  </Box>
                ) : null}
              </Stack>
            </Dialog.Body>
            {/* On a phone the choices stack, full width, in the order they are reached. */}
            <Dialog.Footer flexDirection={{ base: 'column', sm: 'row' }} alignItems={{ base: 'stretch', sm: 'center' }}>
              <Button variant="ghost" onClick={() => close()} disabled={loading}>
                {settled ? 'Close' : 'Cancel'}
              </Button>
              <Button
                variant="outline"
                onClick={() => review(false)}
                loading={loading && choice === 'dismiss'}
                disabled={settled || (loading && choice !== 'dismiss')}
              >
                Not a breach
              </Button>
              <Button
                colorPalette="red"
                onClick={() => review(true)}
                loading={loading && choice === 'breach'}
                disabled={settled || (loading && choice !== 'breach')}
              >
                Confirm breach
              </Button>
            </Dialog.Footer>
            <Dialog.CloseTrigger asChild>
              <CloseButton size="sm" aria-label="Close" disabled={loading} />
            </Dialog.CloseTrigger>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}
