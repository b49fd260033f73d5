import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Field,
  Flex,
  Link,
  List,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@chakra-ui/react';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import type { AdminErasureRequestsQuery as AdminErasureRequestsData, ErasureRequestStatus } from '../../gql/graphql';
import { formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { formatCount } from '../../shared/format-number';
import { errorReason, fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog, EmptyState, ErrorState, LoadingList, SelectField } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useAddressParams } from '../../shared/useAddressParams';
import { useLoadMore } from '../../shared/useLoadMore';
import { fullName, PageHeader } from '../admin/ui';
import {
  ANSWER_MAX,
  ANSWER_MIN,
  ERASURE_STATUSES,
  ErasureStatusBadge,
  erasureStatusLabel,
  isDueSoon,
  isOverdue,
} from './erasure-status';
import { AdminErasureRequestsQuery, DecideErasureRequestMutation } from './operations';
import { Fact } from './Fact';

type Row = AdminErasureRequestsData['erasureRequests']['edges'][number]['node'];
type Outcome = NonNullable<Row['outcome']>;

/** The status filter's choices: one status, or every request. */
const ALL = 'ALL';
type Shown = ErasureRequestStatus | typeof ALL;
const FILTERS: readonly { value: Shown; label: string }[] = [
  ...ERASURE_STATUSES.map((status) => ({ value: status, label: erasureStatusLabel(status, 'admin') })),
  { value: ALL, label: 'All requests' },
];
/** What the list shows with no choice in the address: what still needs an answer. */
const DEFAULT_SHOWN: Shown = 'REQUESTED';

const plural = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/** What carrying out ended, in words: "2 upcoming appointments cancelled", … */
function outcomeLines(outcome: Outcome): string[] {
  return [
    `${plural(outcome.appointmentsCancelled, 'upcoming appointment', 'upcoming appointments')} cancelled`,
    `${plural(outcome.waitlistPlacesLeft, 'waitlist place', 'waitlist places')} left`,
    `${plural(outcome.consentsWithdrawn, 'partner consent', 'partner consents')} withdrawn`,
    `${plural(outcome.repeatRequestsWithdrawn, 'repeat prescription request', 'repeat prescription requests')} withdrawn`,
  ];
}

/**
 * `/admin/privacy`: patients' requests to close their account and erase their data (right to
 * erasure), oldest first — the first due first — those waiting for an answer unless another status
 * is chosen. Each waiting one is carried out (after a confirmation that says what happens) or
 * refused with the legal ground the patient reads.
 */
export function PrivacyRequestsPage() {
  const { params, keep } = useAddressParams();
  const shown: Shown = FILTERS.find((filter) => filter.value === params.get('status'))?.value ?? DEFAULT_SHOWN;
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(AdminErasureRequestsQuery, {
    variables: { status: shown === ALL ? undefined : [shown] },
  });
  const requests = data?.erasureRequests.edges.map((edge) => edge.node) ?? [];
  const pageInfo = data?.erasureRequests.pageInfo;
  const more = useLoadMore(pageInfo, fetchMore, networkStatus);
  // The answer being given; kept (closed) while its dialog closes, so its words stay until gone.
  const [deciding, setDeciding] = useState<{ kind: 'carry-out' | 'refuse'; request: Row; open: boolean }>();
  const [notice, setNotice] = useState<string>();
  const zone = viewerTimeZone();
  // When the page opened: a month-long deadline does not need a clock ticking on screen.
  const [now] = useState(() => Date.now());

  return (
    <Stack gap="4">
      <PageHeader
        title="Privacy requests"
        description="Patients’ requests to close their account and erase their data (the right to erasure). Answer each by its due date, a month after it was made; the oldest come first."
      />
      <Flex gap="3" align="flex-end" wrap="wrap">
        <Box minW="56" flex={{ base: '1', sm: '0 1 auto' }}>
          <SelectField
            label="Status"
            value={shown}
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
        <LoadingList label="Loading privacy requests…" />
      ) : requests.length === 0 ? (
        <EmptyState
          title="No privacy requests"
          description={
            shown === 'REQUESTED'
              ? 'None is waiting for an answer.'
              : shown === ALL
                ? undefined
                : 'None with this status.'
          }
        />
      ) : (
        <>
          <Stack as="ul" gap="3" p="0" m="0" listStyleType="none" aria-label="Privacy requests">
            {requests.map((request) => (
              <RequestCard
                key={request.id}
                request={request}
                zone={zone}
                overdue={isOverdue(request, now)}
                dueSoon={isDueSoon(request, now)}
                onCarryOut={() => {
                  setNotice(undefined);
                  setDeciding({ kind: 'carry-out', request, open: true });
                }}
                onRefuse={() => {
                  setNotice(undefined);
                  setDeciding({ kind: 'refuse', request, open: true });
                }}
              />
            ))}
          </Stack>
          <LoadMore
            total={data?.erasureRequests.totalCount}
            count={requests.length}
            noun="request"
            hasNextPage={pageInfo?.hasNextPage}
            more={more}
          />
        </>
      )}
      <CarryOutDialog
        request={deciding?.kind === 'carry-out' ? deciding.request : undefined}
        open={deciding?.kind === 'carry-out' && deciding.open}
        onClose={(done) => {
          setDeciding((current) => current && { ...current, open: false });
          if (done) {
            setNotice(done);
          }
        }}
      />
      <RefuseDialog
        request={deciding?.kind === 'refuse' ? deciding.request : undefined}
        open={deciding?.kind === 'refuse' && deciding.open}
        onClose={(done) => {
          setDeciding((current) => current && { ...current, open: false });
          if (done) {
            setNotice(done);
          }
        }}
      />
    </Stack>
  );
}

/** One request: whose, when made and due, the patient's reason, its answer, and its actions while waiting. */
function RequestCard({
  request,
  zone,
  overdue,
  dueSoon,
  onCarryOut,
  onRefuse,
}: {
  request: Row;
  zone: string;
  overdue: boolean;
  /** Still waiting and due within a few days. */
  dueSoon: boolean;
  onCarryOut: () => void;
  onRefuse: () => void;
}) {
  const nameId = `erasure-patient-${request.id}`;
  return (
    <Box
      as="li"
      borderWidth="1px"
      borderRadius="l3"
      p="4"
      bg="bg"
      borderStartWidth={overdue ? '4px' : undefined}
      borderStartColor={overdue ? 'red.solid' : undefined}
    >
      <Stack gap="3">
        <Flex gap="2" align="center" wrap="wrap">
          <Link asChild fontWeight="semibold" color="brand.fg" id={nameId}>
            <RouterLink to={`/admin/patients/${request.patient.id}`}>{fullName(request.patient)}</RouterLink>
          </Link>
          <ErasureStatusBadge status={request.status} reader="admin" />
          {overdue ? (
            <Badge colorPalette="red" variant="solid">
              Overdue
            </Badge>
          ) : dueSoon ? (
            <Badge colorPalette="orange">Due soon</Badge>
          ) : null}
        </Flex>
        <SimpleGrid as="dl" columns={{ base: 1, sm: 3 }} gap="3" m="0">
          <Fact label="Requested">{formatDay(request.createdAt, zone)}</Fact>
          <Fact label="Answer due by">
            <Text as="span" color={overdue ? 'fg.error' : undefined} fontWeight={overdue ? 'semibold' : undefined}>
              {formatDay(request.dueAt, zone)}
            </Text>
          </Fact>
          {request.decidedAt ? (
            <Fact label={request.status === 'WITHDRAWN' ? 'Withdrawn' : 'Answered'}>
              {formatDay(request.decidedAt, zone)}
            </Fact>
          ) : null}
        </SimpleGrid>
        <Box as="dl" m="0">
          <Fact label="Patient’s reason">
            {request.reason ? (
              <Text as="span" whiteSpace="pre-wrap" overflowWrap="anywhere">
                {request.reason}
              </Text>
            ) : (
              <Text as="span" color="fg.muted">
                None given
              </Text>
            )}
          </Fact>
        </Box>
        {request.status === 'REFUSED' && request.answer ? (
          <Box as="dl" m="0" bg="bg.subtle" borderRadius="l2" p="3">
            <Fact label="Answer to the patient">
              <Text as="span" whiteSpace="pre-wrap" overflowWrap="anywhere">
                {request.answer}
              </Text>
            </Fact>
          </Box>
        ) : null}
        {request.status === 'CARRIED_OUT' && request.outcome ? (
          <Box bg="bg.subtle" borderRadius="l2" p="3">
            <Text fontSize="xs" color="fg.muted">
              What was done
            </Text>
            <List.Root ps="5" fontSize="sm">
              {outcomeLines(request.outcome).map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
              <List.Item>Phone number and emergency contacts erased; sign-in closed</List.Item>
            </List.Root>
          </Box>
        ) : null}
        {request.status === 'REQUESTED' ? (
          <Flex gap="2" wrap="wrap">
            <Button size="sm" colorPalette="red" aria-describedby={nameId} onClick={onCarryOut}>
              Carry out
            </Button>
            <Button size="sm" variant="outline" aria-describedby={nameId} onClick={onRefuse}>
              Refuse
            </Button>
          </Flex>
        ) : null}
      </Stack>
    </Box>
  );
}

/**
 * The answer's mutation, the list read again once it is given; refused because another
 * administrator answered meanwhile, the list is read again too (showing their answer).
 */
function useDecide() {
  const [mutate, state] = useMutation(DecideErasureRequestMutation, {
    refetchQueries: [AdminErasureRequestsQuery],
    awaitRefetchQueries: true,
  });
  const decide = (options: Parameters<typeof mutate>[0]) =>
    mutate(options).catch((caught: unknown) => {
      if (errorReason(caught) === 'ERASURE_ALREADY_ANSWERED') {
        void state.client.refetchQueries({ include: [AdminErasureRequestsQuery] });
      }
      throw caught;
    });
  return [decide, state] as const;
}

/** "Carry out": what happens, spelled out, and that it cannot be undone. */
function CarryOutDialog({
  request,
  open,
  onClose,
}: {
  request: Row | undefined;
  open: boolean;
  /** With what to tell the administrator once carried out. */
  onClose: (done?: string) => void;
}) {
  const [decide, { loading, error, reset }] = useDecide();
  const name = request ? fullName(request.patient) : '';
  const close = (done?: string) => {
    reset();
    onClose(done);
  };
  return (
    <ConfirmDialog
      open={open && Boolean(request)}
      title={`Close ${name}’s account and erase their data?`}
      description="This happens at once and cannot be undone: what is erased cannot be brought back."
      confirmLabel="Carry out"
      pending={loading}
      onCancel={() => close()}
      onConfirm={() => {
        if (!request) {
          return;
        }
        decide({ variables: { id: request.id, input: { carryOut: true } } })
          .then((result) => {
            const outcome = result.data?.decideErasureRequest.outcome;
            close(
              `${name}’s account is closed.${outcome ? ` ${outcomeLines(outcome).join(', ')}.` : ''} They were told by e-mail.`,
            );
          })
          .catch(() => undefined);
      }}
    >
      <Stack gap="3" mt="3" fontSize="sm">
        {error ? (
          <Alert.Root status="error" role="alert">
            <Alert.Indicator />
            <Alert.Description>{plainMessage(error)}</Alert.Description>
          </Alert.Root>
        ) : null}
        <Text>Carrying out the request:</Text>
        <List.Root ps="5" gap="1">
          <List.Item>cancels their upcoming appointments (their doctors are told, the time is freed);</List.Item>
          <List.Item>takes them off every waitlist;</List.Item>
          <List.Item>withdraws every consent to share their data with partners;</List.Item>
          <List.Item>withdraws their repeat prescription requests still waiting;</List.Item>
          <List.Item>erases their phone number and emergency contacts;</List.Item>
          <List.Item>
            closes their sign-in: they are signed out for good, their password and two-step sign-in are forgotten, and
            they get an e-mail.
          </List.Item>
        </List.Root>
        <Text>
          Kept, as the law requires: their medical record, bills, messages with their care team and the audit trail.
        </Text>
      </Stack>
    </ConfirmDialog>
  );
}

/** "Refuse": the legal ground, which the patient reads in their portal (required). */
function RefuseDialog({
  request,
  open,
  onClose,
}: {
  request: Row | undefined;
  open: boolean;
  onClose: (done?: string) => void;
}) {
  const [decide, { loading, error, reset }] = useDecide();
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<string>();
  const server = fieldErrors(error);
  const name = request ? fullName(request.patient) : '';
  const close = (done?: string) => {
    setAnswer('');
    setProblem(undefined);
    reset();
    onClose(done);
  };
  const fieldError = problem ?? server['answer'];
  return (
    <ConfirmDialog
      open={open && Boolean(request)}
      title={`Refuse ${name}’s request?`}
      description="Their account stays open. They read your answer in their portal and are told by e-mail."
      confirmLabel="Refuse"
      destructive={false}
      pending={loading}
      onCancel={() => close()}
      onConfirm={() => {
        if (!request) {
          return;
        }
        const trimmed = answer.trim();
        if (trimmed.length < ANSWER_MIN) {
          setProblem(`Give the legal ground the patient will read, in at least ${ANSWER_MIN} characters.`);
          return;
        }
        setProblem(undefined);
        decide({ variables: { id: request.id, input: { carryOut: false, answer: trimmed } } })
          .then(() => close(`${name}’s request was refused. They can read your answer in their portal.`))
          .catch(() => undefined);
      }}
    >
      <Stack gap="3" mt="3">
        {error && !server['answer'] ? (
          <Alert.Root status="error" role="alert">
            <Alert.Indicator />
            <Alert.Description>{plainMessage(error)}</Alert.Description>
          </Alert.Root>
        ) : null}
        <Field.Root required invalid={Boolean(fieldError)}>
          <Field.Label>
            Legal ground (the patient reads this)
            <Field.RequiredIndicator />
          </Field.Label>
          <Textarea
            rows={4}
            maxLength={ANSWER_MAX}
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            placeholder="e.g. A bill of yours is still being settled with your insurer; we must keep your account until it is."
          />
          {fieldError ? (
            <Field.ErrorText>{fieldError}</Field.ErrorText>
          ) : (
            <Field.HelperText>
              Why the clinic may keep the data, in plain words: {ANSWER_MIN} to {formatCount(ANSWER_MAX)} characters.
            </Field.HelperText>
          )}
        </Field.Root>
      </Stack>
    </ConfirmDialog>
  );
}
