import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Heading,
  Link,
  List,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import type { MyErasureRequestsQuery as MyErasureRequestsData } from '../../gql/graphql';
import { formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { errorReason, fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { ErrorState, focusFirstInvalid, FormStack, LoadingList } from '../../shared/ui';
import { IncompleteList } from '../../shared/ui/LoadMore';
import { useEveryPage, WHOLE_LIST } from '../../shared/useLoadMore';
import { ErasureStatusBadge, isOverdue, REASON_MAX } from './erasure-status';
import { MyErasureRequestsQuery, RequestErasureMutation, WithdrawErasureRequestMutation } from './operations';

type ErasureRequestRow = MyErasureRequestsData['erasureRequests']['edges'][number]['node'];

interface Notice {
  readonly status: 'success' | 'info' | 'error';
  readonly text: string;
}

/**
 * `/patient/privacy`: the right to erasure in plain words — what closing the account ends and what
 * the clinic keeps — the patient's requests and the clinic's answers, a form to ask (confirmed
 * with a tick, as it closes the account) and "Withdraw request" while one waits.
 */
export function PrivacyPage() {
  const { data, loading, error, refetch, fetchMore } = useQuery(MyErasureRequestsQuery, {
    ...WHOLE_LIST,
    // An administrator answers between visits: read afresh whenever the page opens.
    fetchPolicy: 'cache-and-network',
  });
  // A patient has a handful at most: every page, newest first.
  const pages = useEveryPage(data?.erasureRequests.pageInfo, fetchMore);
  const requests = [...(data?.erasureRequests.edges ?? [])].reverse().map((edge) => edge.node);
  const open = requests.find((request) => request.status === 'REQUESTED');
  const [notice, setNotice] = useState<Notice>();
  const zone = viewerTimeZone();
  // When the page opened: a month-long deadline does not need a clock ticking on screen.
  const [now] = useState(() => Date.now());
  const [withdraw, withdrawing] = useMutation(WithdrawErasureRequestMutation, {
    refetchQueries: [MyErasureRequestsQuery],
    awaitRefetchQueries: true,
  });

  const withdrawOpen = (request: ErasureRequestRow) => {
    setNotice(undefined);
    withdraw({ variables: { id: request.id } })
      .then(() => setNotice({ status: 'success', text: 'You withdrew your request. Your account stays open.' }))
      .catch((caught: unknown) => {
        setNotice({ status: 'error', text: plainMessage(caught) });
        if (errorReason(caught) === 'ERASURE_ALREADY_ANSWERED') {
          // Answered meanwhile: show the answer.
          void refetch().catch(() => undefined);
        }
      });
  };

  return (
    <Stack gap="6">
      <Stack gap="1">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Privacy
        </Heading>
        <Text color="fg.muted">
          You have the right to ask the clinic to erase your data (the “right to erasure”). Here you can ask us to close
          your account, follow your request and read our answer.
        </Text>
      </Stack>
      <SimpleGrid columns={{ base: 1, md: 2 }} gap="4">
        <Stack as="section" aria-labelledby="privacy-closing" gap="2" borderWidth="1px" borderRadius="l3" p="4">
          <Heading as="h2" size="md" id="privacy-closing">
            What closing your account does
          </Heading>
          <List.Root ps="5" gap="1" fontSize="sm">
            <List.Item>Your upcoming appointments are cancelled, and your doctors are told.</List.Item>
            <List.Item>You leave any waiting list you are on.</List.Item>
            <List.Item>Partners you share your data with (such as labs or insurers) can no longer see it.</List.Item>
            <List.Item>Repeat prescription requests still waiting for a doctor are withdrawn.</List.Item>
            <List.Item>Your phone number and emergency contacts are erased.</List.Item>
            <List.Item>
              You are signed out and can no longer sign in. We e-mail you when it is done, if you have confirmed your
              e-mail address.
            </List.Item>
          </List.Root>
        </Stack>
        <Stack as="section" aria-labelledby="privacy-kept" gap="2" borderWidth="1px" borderRadius="l3" p="4">
          <Heading as="h2" size="md" id="privacy-kept">
            What the clinic keeps
          </Heading>
          <Text fontSize="sm">
            The law requires us to keep your medical record, your bills, your messages with your care team and the
            record of who saw or changed your data, for a number of years — with your name, date of birth and address,
            so that they stay yours. They stay safely stored, and you can still ask the clinic for a copy.
          </Text>
          <Text fontSize="sm">
            You can download a copy of your record yourself from{' '}
            <Link asChild color="brand.fg">
              <RouterLink to="/patient/records">Records</RouterLink>
            </Link>{' '}
            before you ask.
          </Text>
          <Text fontSize="sm">
            The clinic answers within a month. Until then you can withdraw your request. If we have to keep something
            for a legal reason, we say so here.
          </Text>
        </Stack>
      </SimpleGrid>
      {notice ? (
        <Alert.Root status={notice.status} role={notice.status === 'error' ? 'alert' : 'status'}>
          <Alert.Indicator />
          <Alert.Title>{notice.text}</Alert.Title>
        </Alert.Root>
      ) : null}
      {loading && !data ? (
        <LoadingList rows={1} label="Loading your requests…" />
      ) : error && !data ? (
        <ErrorState error={error} title="Your requests did not load" onRetry={() => void refetch()} />
      ) : (
        <>
          {requests.length > 0 ? (
            <Stack as="section" aria-labelledby="privacy-requests" gap="3">
              <Heading as="h2" size="lg" id="privacy-requests">
                Your requests
              </Heading>
              <IncompleteList error={pages.incompleteError} plural="requests" onRetry={pages.retry} />
              <Stack as="ul" gap="3" p="0" m="0" listStyleType="none">
                {requests.map((request) => (
                  <RequestItem
                    key={request.id}
                    request={request}
                    zone={zone}
                    late={isOverdue(request, now)}
                    withdrawing={withdrawing.loading}
                    onWithdraw={() => withdrawOpen(request)}
                  />
                ))}
              </Stack>
            </Stack>
          ) : null}
          {open ? null : (
            <AskForm
              onSent={(request) => {
                setNotice({
                  status: 'success',
                  text: `Your request was sent. The clinic will answer by ${formatDay(request.dueAt, zone)}. Until then you can withdraw it.`,
                });
              }}
              onAlreadyAsked={() => {
                setNotice({
                  status: 'info',
                  text: 'You have already asked to close your account. Your request is shown below.',
                });
                void refetch().catch(() => undefined);
              }}
              onStart={() => setNotice(undefined)}
            />
          )}
        </>
      )}
    </Stack>
  );
}

/** One request: its status, when it was made and is answered by, the patient's words, the clinic's answer. */
function RequestItem({
  request,
  zone,
  late,
  withdrawing,
  onWithdraw,
}: {
  request: ErasureRequestRow;
  zone: string;
  /** Still waiting after its due date. */
  late: boolean;
  withdrawing: boolean;
  onWithdraw: () => void;
}) {
  const titleId = `erasure-request-${request.id}`;
  const decided = request.decidedAt ? formatDay(request.decidedAt, zone) : undefined;
  return (
    <Box as="li" borderWidth="1px" borderRadius="l3" p="4" bg="bg">
      <Flex justify="space-between" gap="3" wrap="wrap" align="flex-start">
        <Stack gap="1" flex="1" minW="0">
          <Flex gap="2" align="center" wrap="wrap">
            <Text fontWeight="semibold" id={titleId}>
              Asked on {formatDay(request.createdAt, zone)}
            </Text>
            <ErasureStatusBadge status={request.status} reader="patient" />
          </Flex>
          {request.status === 'REQUESTED' ? (
            <Text fontSize="sm">
              {late
                ? `The clinic was due to answer by ${formatDay(request.dueAt, zone)}. If you have not heard from us, please contact the clinic.`
                : `The clinic will answer by ${formatDay(request.dueAt, zone)}.`}
            </Text>
          ) : request.status === 'WITHDRAWN' ? (
            <Text fontSize="sm">You withdrew it{decided ? ` on ${decided}` : ''}.</Text>
          ) : request.status === 'CARRIED_OUT' ? (
            <Text fontSize="sm">Your account was closed{decided ? ` on ${decided}` : ''}.</Text>
          ) : (
            <Text fontSize="sm">The clinic refused it{decided ? ` on ${decided}` : ''}.</Text>
          )}
          {request.reason ? (
            <Text fontSize="sm" whiteSpace="pre-wrap" overflowWrap="anywhere">
              <Text as="span" color="fg.muted">
                You wrote:{' '}
              </Text>
              {request.reason}
            </Text>
          ) : null}
          {request.status === 'REFUSED' && request.answer ? (
            <Box bg="bg.subtle" borderRadius="l2" p="3" mt="1">
              <Text fontSize="sm" fontWeight="medium">
                The clinic’s answer
              </Text>
              <Text fontSize="sm" whiteSpace="pre-wrap" overflowWrap="anywhere">
                {request.answer}
              </Text>
              <Text fontSize="sm" color="fg.muted" mt="2">
                If you have questions about this answer, please contact the clinic. You can also ask again.
              </Text>
            </Box>
          ) : null}
        </Stack>
        {request.status === 'REQUESTED' ? (
          <Button
            variant="outline"
            size="sm"
            aria-describedby={titleId}
            loading={withdrawing}
            onClick={onWithdraw}
            w={{ base: 'full', sm: 'auto' }}
          >
            Withdraw request
          </Button>
        ) : null}
      </Flex>
    </Box>
  );
}

/** Asking to close the account: an optional reason and a tick confirming what it means. */
function AskForm({
  onSent,
  onAlreadyAsked,
  onStart,
}: {
  onSent: (request: { dueAt: string }) => void;
  onAlreadyAsked: () => void;
  onStart: () => void;
}) {
  const [reason, setReason] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [ask, { loading, error, reset }] = useMutation(RequestErasureMutation, {
    refetchQueries: [MyErasureRequestsQuery],
    awaitRefetchQueries: true,
  });
  const server = fieldErrors(error);
  // The one refusal the page answers itself (an open request already): not shown here.
  const shownError = error && errorReason(error) !== 'ERASURE_ALREADY_REQUESTED' && !server['reason'] ? error : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    onStart();
    reset();
    if (!understood) {
      setProblem('Tick the box to confirm that you understand what closing your account means.');
      focusFirstInvalid(form);
      return;
    }
    setProblem(undefined);
    ask({ variables: { reason: reason.trim() || null } })
      .then((result) => {
        const sent = result.data?.requestErasure;
        if (sent) {
          onSent(sent);
        }
      })
      .catch((caught: unknown) => {
        if (errorReason(caught) === 'ERASURE_ALREADY_REQUESTED') {
          onAlreadyAsked();
        } else {
          focusFirstInvalid(form);
        }
      });
  }

  return (
    <FormStack
      gap="4"
      onSubmit={submit}
      noValidate
      aria-labelledby="privacy-ask"
      borderWidth="1px"
      borderRadius="l3"
      p={{ base: '4', md: '6' }}
      bg="bg"
    >
      <Heading as="h2" size="lg" id="privacy-ask">
        Ask to close your account
      </Heading>
      {shownError ? (
        <Alert.Root status="error" role="alert">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(shownError)}</Alert.Title>
        </Alert.Root>
      ) : null}
      <Field.Root invalid={Boolean(server['reason'])}>
        <Field.Label>Anything the clinic should know (optional)</Field.Label>
        <Textarea
          name="reason"
          rows={3}
          maxLength={REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {server['reason'] ? (
          <Field.ErrorText>{server['reason']}</Field.ErrorText>
        ) : (
          <Field.HelperText>
            You do not have to give a reason. At most {REASON_MAX} characters ({REASON_MAX - reason.length} left).
          </Field.HelperText>
        )}
      </Field.Root>
      <Field.Root invalid={Boolean(problem)} required>
        <Checkbox.Root
          checked={understood}
          onCheckedChange={(details) => {
            setUnderstood(details.checked === true);
            if (details.checked === true) {
              setProblem(undefined);
            }
          }}
          alignItems="flex-start"
        >
          <Checkbox.HiddenInput />
          <Checkbox.Control mt="0.5" />
          <Checkbox.Label>
            I understand my account will be closed: I will be signed out and can no longer sign in.
          </Checkbox.Label>
        </Checkbox.Root>
        {problem ? <Field.ErrorText>{problem}</Field.ErrorText> : null}
      </Field.Root>
      <Box>
        <Button type="submit" colorPalette="red" loading={loading} w={{ base: 'full', sm: 'auto' }}>
          Ask to close my account
        </Button>
      </Box>
    </FormStack>
  );
}
