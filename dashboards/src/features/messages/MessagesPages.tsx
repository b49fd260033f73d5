import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Field,
  Flex,
  Heading,
  Input,
  Link,
  LinkBox,
  LinkOverlay,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  VisuallyHidden,
} from '@chakra-ui/react';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Link as RouterLink, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { getFragmentData } from '../../gql';
import type { ThreadSummaryFragment as ThreadSummary } from '../../gql/graphql';
import { formatDateTime, formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { EmptyState, ErrorState, LoadingList, FormStack } from '../../shared/ui';
import { useLoadMore } from '../../shared/useLoadMore';
import { LoadMore, LoadMoreButton } from '../../shared/ui/LoadMore';
import { useDebounced } from '../../shared/useDebounced';
import { useMyPatients } from '../chart/PatientsPage';
import { AttachmentList } from '../../shared/AttachmentList';
import { AttachmentPicker, useMessageUploads } from './MessageAttachments';
import {
  CareTeamQuery,
  MarkThreadReadMutation,
  MessageFieldsFragment,
  MessageThreadQuery,
  MessageThreadsQuery,
  SendMessageMutation,
  StartThreadMutation,
  ThreadSummaryFragment,
  UnreadMessageCountQuery,
} from './operations';

type Viewer = 'patient' | 'doctor';

function counterpartName(thread: ThreadSummary, viewer: Viewer): string {
  return viewer === 'patient'
    ? `Dr ${thread.doctor.firstName} ${thread.doctor.lastName}`
    : `${thread.patient.firstName} ${thread.patient.lastName}`;
}

function Inbox({ viewer }: { viewer: Viewer }) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MessageThreadsQuery, {
    fetchPolicy: 'cache-and-network',
  });
  const more = useLoadMore(data?.messageThreads.pageInfo, fetchMore, networkStatus);
  const zone = viewerTimeZone();
  const threads = data?.messageThreads.edges.map((edge) => getFragmentData(ThreadSummaryFragment, edge.node)) ?? [];
  return (
    <Stack gap="5">
      <Flex justify="space-between" align="center" gap="3" wrap="wrap">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Messages
        </Heading>
        <Button asChild colorPalette="brand">
          <RouterLink to="new">New message</RouterLink>
        </Button>
      </Flex>
      {loading && !data ? (
        <LoadingList label="Loading your messages…" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : threads.length === 0 ? (
        <EmptyState
          title="No messages yet"
          description={
            viewer === 'patient'
              ? 'Write to a doctor who is caring for you.'
              : 'Write to a patient under your care, or wait for their questions.'
          }
        />
      ) : (
        <Stack as="ul" gap="2" p="0" m="0" listStyleType="none" aria-label="Conversations">
          {threads.map((thread) => (
            <LinkBox
              as="li"
              key={thread.id}
              borderWidth="1px"
              borderRadius="l2"
              p="3"
              bg={thread.unreadCount > 0 ? 'brand.subtle' : 'bg'}
              _hover={{ borderColor: 'brand.solid' }}
            >
              <Flex justify="space-between" gap="3" wrap="wrap">
                <Stack gap="0" minW="0">
                  <LinkOverlay asChild fontWeight={thread.unreadCount > 0 ? 'bold' : 'medium'}>
                    {/* Subjects repeat ("My blood test results"): the link is described by whom, unread and when. */}
                    <RouterLink
                      to={thread.id}
                      aria-describedby={[
                        `thread-${thread.id}-who`,
                        thread.unreadCount > 0 ? `thread-${thread.id}-unread` : '',
                        `thread-${thread.id}-when`,
                      ]
                        .filter(Boolean)
                        .join(' ')}
                    >
                      {thread.subject}
                    </RouterLink>
                  </LinkOverlay>
                  <Text id={`thread-${thread.id}-who`} fontSize="sm" color="fg.muted">
                    {counterpartName(thread, viewer)}
                    {thread.readOnly ? ' · closed' : ''}
                  </Text>
                </Stack>
                <Flex gap="2" align="center">
                  {thread.unreadCount > 0 ? (
                    <Badge id={`thread-${thread.id}-unread`} colorPalette="brand" variant="solid">
                      {thread.unreadCount}
                      <VisuallyHidden> unread</VisuallyHidden>
                    </Badge>
                  ) : null}
                  <Text id={`thread-${thread.id}-when`} fontSize="sm" color="fg.muted">
                    {formatDateTime(thread.lastMessageAt, zone)}
                  </Text>
                </Flex>
              </Flex>
            </LinkBox>
          ))}
        </Stack>
      )}
      {threads.length > 0 ? (
        <LoadMore
          count={threads.length}
          total={data?.messageThreads.totalCount}
          noun="conversation"
          hasNextPage={data?.messageThreads.pageInfo.hasNextPage}
          more={more}
        />
      ) : null}
    </Stack>
  );
}

function Reply({ threadId, patientId }: { threadId: string; patientId: string }) {
  const [body, setBody] = useState('');
  const uploads = useMessageUploads({ threadId, patientId });
  const [send, { loading, error }] = useMutation(SendMessageMutation, {
    refetchQueries: ['MessageThread', 'MessageThreads'],
  });
  const sendable = (body.trim() !== '' || uploads.readyIds.length > 0) && !uploads.busy;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!sendable) {
      return;
    }
    await send({ variables: { threadId, body: body.trim(), attachmentIds: uploads.readyIds } })
      .then(() => {
        setBody('');
        uploads.clear();
      })
      .catch(() => undefined);
  };
  return (
    <FormStack gap="2" onSubmit={(event: FormEvent) => void onSubmit(event)} noValidate>
      {error ? (
        <Alert.Root status="error" role="alert">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(error)}</Alert.Title>
        </Alert.Root>
      ) : null}
      <Field.Root>
        <Field.Label>Your reply</Field.Label>
        <Textarea name="reply" rows={3} value={body} onChange={(event) => setBody(event.target.value)} />
      </Field.Root>
      <Flex gap="3" justify="space-between" align="start" wrap="wrap">
        <AttachmentPicker uploads={uploads} />
        <Button type="submit" colorPalette="brand" loading={loading} disabled={!sendable}>
          Send
        </Button>
      </Flex>
    </FormStack>
  );
}

function Thread({ viewer }: { viewer: Viewer }) {
  const { threadId = '' } = useParams();
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MessageThreadQuery, {
    variables: { id: threadId },
    fetchPolicy: 'cache-and-network',
  });
  // Older messages: the cache's type policy (app/cache.ts) appends the page.
  const older = useLoadMore(data?.messageThread?.messages.pageInfo, fetchMore, networkStatus);
  const [markRead] = useMutation(MarkThreadReadMutation, { refetchQueries: [UnreadMessageCountQuery] });
  const thread = data?.messageThread ? getFragmentData(ThreadSummaryFragment, data.messageThread) : undefined;
  const unread = thread?.unreadCount ?? 0;
  useEffect(() => {
    if (unread > 0) {
      void markRead({ variables: { threadId } }).catch(() => undefined);
    }
  }, [markRead, threadId, unread]);
  const zone = viewerTimeZone();

  if (loading && !data) {
    return <LoadingList label="Loading the conversation…" />;
  }
  if (error && !data) {
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (!thread || !data?.messageThread) {
    return <EmptyState title="This conversation is not available" />;
  }
  const page = data.messageThread.messages;
  const messages = [...page.edges].reverse().map((edge) => getFragmentData(MessageFieldsFragment, edge.node));
  return (
    <Stack gap="5">
      <Stack gap="1">
        <Button asChild variant="plain" alignSelf="start" px="0" color="brand.fg">
          <RouterLink to="..">← All messages</RouterLink>
        </Button>
        <Heading as="h1" size={{ base: 'xl', md: '2xl' }}>
          {thread.subject}
        </Heading>
        <Text color="fg.muted">
          With {counterpartName(thread, viewer)}
          {viewer === 'doctor' ? (
            <>
              {' · '}
              {/* A request (a repeat prescription, a result) is answered from the chart. */}
              <Link asChild color="brand.fg">
                <RouterLink to={`/doctor/patients/${thread.patient.id}`}>Open chart</RouterLink>
              </Link>
            </>
          ) : null}
        </Text>
      </Stack>
      {page.pageInfo.hasNextPage ? (
        <Stack gap="1" align="center">
          <Text fontSize="sm" color="fg.muted" aria-live="polite">
            Showing the latest {messages.length} of {page.totalCount} messages
          </Text>
          <LoadMoreButton
            more={older}
            plural="messages"
            label="Load older messages"
            size="sm"
            onLoadMore={() => void older.loadMore()}
          />
        </Stack>
      ) : null}
      <Stack as="ol" gap="3" p="0" m="0" listStyleType="none" aria-label="Messages">
        {messages.map((message) => (
          <Box
            as="li"
            key={message.id}
            alignSelf={message.mine ? 'end' : 'start'}
            maxW={{ base: '90%', md: '70%' }}
            bg={message.mine ? 'brand.subtle' : 'bg.muted'}
            borderRadius="l3"
            px="4"
            py="3"
          >
            {message.body ? (
              <Text whiteSpace="pre-wrap" data-testid="message-body">
                {message.body}
              </Text>
            ) : null}
            <AttachmentList attachments={message.attachments} />
            <Text fontSize="xs" color="fg.muted" mt="1" textAlign={message.mine ? 'end' : 'start'}>
              {formatDateTime(message.sentAt, zone)}
              {message.mine ? (message.readAt ? ' · Read' : ' · Sent') : ''}
            </Text>
          </Box>
        ))}
      </Stack>
      {viewer === 'patient' && thread.doctor.awayUntil && !thread.readOnly ? (
        <Alert.Root status="info">
          <Alert.Indicator />
          <Alert.Title>
            {counterpartName(thread, viewer)} is away until {formatDay(thread.doctor.awayUntil, zone)}: your message
            waits for their return. For anything urgent, call the clinic or write to another of your doctors.
          </Alert.Title>
        </Alert.Root>
      ) : null}
      {thread.readOnly ? (
        <Alert.Root status="info">
          <Alert.Indicator />
          <Alert.Title>
            This conversation is closed: the care relationship has ended. You can still read it.
          </Alert.Title>
        </Alert.Root>
      ) : (
        <Reply threadId={thread.id} patientId={thread.patient.id} />
      )}
    </Stack>
  );
}

function RecipientField({
  viewer,
  value,
  onChange,
  invalid,
}: {
  viewer: Viewer;
  value: string;
  onChange: (id: string) => void;
  invalid: string | undefined;
}) {
  const careTeam = useQuery(CareTeamQuery, { skip: viewer !== 'patient' });
  const zone = viewerTimeZone();
  const [search, setSearch] = useState('');
  const patients = useMyPatients(useDebounced(viewer === 'doctor' ? search : ''));
  const options =
    viewer === 'patient'
      ? (careTeam.data?.careTeam ?? []).map((d) => ({
          id: d.id,
          label: `Dr ${d.firstName} ${d.lastName} (${d.specialization})${d.awayUntil ? ` · away until ${formatDay(d.awayUntil, zone)}` : ''}`,
        }))
      : patients.patients.map((p) => ({ id: p.id, label: `${p.firstName} ${p.lastName}` }));
  return (
    <Stack gap="2">
      {viewer === 'doctor' ? (
        <Field.Root>
          <Field.Label>Find a patient</Field.Label>
          <Input value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Name or e-mail" />
        </Field.Root>
      ) : null}
      <Field.Root required invalid={Boolean(invalid)}>
        <Field.Label>{viewer === 'patient' ? 'Doctor' : 'Patient'}</Field.Label>
        <NativeSelect.Root>
          <NativeSelect.Field name="recipient" value={value} onChange={(event) => onChange(event.target.value)}>
            <option value="">Choose…</option>
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </NativeSelect.Field>
          <NativeSelect.Indicator />
        </NativeSelect.Root>
        {viewer === 'patient' ? (
          <Field.HelperText>You can write to the doctors you have appointments with.</Field.HelperText>
        ) : null}
        <Field.ErrorText>{invalid}</Field.ErrorText>
      </Field.Root>
      {viewer === 'doctor' ? <RecipientCount patients={patients} search={search} /> : null}
    </Stack>
  );
}

/** How many of the doctor's patients match, when the list offers only some: narrow it, or load more. */
function RecipientCount({ patients, search }: { patients: ReturnType<typeof useMyPatients>; search: string }) {
  if (patients.error) {
    return (
      <ErrorState error={patients.error} title="Your patients did not load" onRetry={() => void patients.refetch()} />
    );
  }
  if (patients.loading) {
    return null;
  }
  if (patients.patients.length === 0) {
    return (
      <Text fontSize="sm" color="fg.muted" role="status">
        {search.trim() ? `None of your patients matches “${search.trim()}”.` : 'You have no patients to write to yet.'}
      </Text>
    );
  }
  if (!patients.hasNextPage) {
    return null;
  }
  return (
    <Stack gap="2" align="flex-start">
      <LoadMore
        count={patients.patients.length}
        total={patients.totalCount}
        noun="patient"
        hasNextPage={patients.hasNextPage}
        more={patients.more}
        label="Offer more patients"
      />
      <Text fontSize="sm" color="fg.muted">
        Type a name above to find the others.
      </Text>
    </Stack>
  );
}

function Compose({ viewer }: { viewer: Viewer }) {
  const navigate = useNavigate();
  // A message another page prepared (`?to=&subject=&body=`: a repeat prescription request), to read over and send.
  const [params] = useSearchParams();
  const [recipient, setRecipient] = useState(params.get('to') ?? '');
  const [subject, setSubject] = useState(params.get('subject') ?? '');
  const [body, setBody] = useState(params.get('body') ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const uploads = useMessageUploads(undefined);
  const [start, { loading, error }] = useMutation(StartThreadMutation, { refetchQueries: ['MessageThreads'] });
  const [sendFiles, sending] = useMutation(SendMessageMutation);
  const [filesFailed, setFilesFailed] = useState<string | undefined>();
  const server = fieldErrors(error);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!recipient) {
      found['recipient'] = viewer === 'patient' ? 'Choose a doctor.' : 'Choose a patient.';
    }
    if (!subject.trim()) {
      found['subject'] = 'Say what it is about.';
    }
    if (!body.trim()) {
      found['body'] = 'Write your message.';
    }
    if (uploads.files.some((file) => file.state === 'failed')) {
      found['files'] = 'Remove the files that cannot be sent.';
    }
    setProblems(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    const input =
      viewer === 'patient'
        ? { doctorId: recipient, subject: subject.trim(), body: body.trim() }
        : { patientId: recipient, subject: subject.trim(), body: body.trim() };
    const result = await start({ variables: { input } }).catch(() => undefined);
    if (!result?.data) {
      return;
    }
    const thread = getFragmentData(ThreadSummaryFragment, result.data.startThread);
    if (uploads.files.some((file) => file.state === 'picked')) {
      // The files follow the first message, once the conversation they go into exists.
      const ids = await uploads.uploadAll(thread.id, thread.patient.id);
      const sent =
        ids.length > 0
          ? await sendFiles({ variables: { threadId: thread.id, body: '', attachmentIds: ids } }).catch(() => undefined)
          : undefined;
      if (!sent?.data) {
        setFilesFailed(thread.id);
        return;
      }
    }
    await navigate(`../${thread.id}`);
  };
  if (filesFailed) {
    return (
      <Stack gap="4">
        <Alert.Root status="warning" role="alert">
          <Alert.Indicator />
          <Alert.Title>Your message was sent, but not every file could go with it.</Alert.Title>
        </Alert.Root>
        <AttachmentPicker uploads={uploads} />
        <Button asChild colorPalette="brand" alignSelf="start">
          <RouterLink to={`../${filesFailed}`}>Open the conversation to send them again</RouterLink>
        </Button>
      </Stack>
    );
  }
  return (
    <FormStack
      gap="5"
      onSubmit={(event: FormEvent) => void onSubmit(event)}
      noValidate
      borderWidth="1px"
      borderRadius="l3"
      bg="bg"
      p={{ base: '4', md: '6' }}
    >
      <Heading as="h1" size={{ base: 'xl', md: '2xl' }}>
        New message
      </Heading>
      {error && Object.keys(server).length === 0 ? (
        <Alert.Root status="error" role="alert">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(error)}</Alert.Title>
        </Alert.Root>
      ) : null}
      <RecipientField
        viewer={viewer}
        value={recipient}
        onChange={setRecipient}
        invalid={problems['recipient'] ?? server['input.doctorId'] ?? server['input.patientId']}
      />
      <Field.Root required invalid={Boolean(problems['subject'] ?? server['input.subject'])}>
        <Field.Label>Subject</Field.Label>
        <Input name="subject" maxLength={200} value={subject} onChange={(event) => setSubject(event.target.value)} />
        <Field.ErrorText>{problems['subject'] ?? server['input.subject']}</Field.ErrorText>
      </Field.Root>
      <Field.Root required invalid={Boolean(problems['body'] ?? server['input.body'])}>
        <Field.Label>Message</Field.Label>
        <Textarea name="body" rows={6} value={body} onChange={(event) => setBody(event.target.value)} />
        <Field.ErrorText>{problems['body'] ?? server['input.body']}</Field.ErrorText>
      </Field.Root>
      <Stack gap="1">
        <AttachmentPicker uploads={uploads} />
        {problems['files'] ? (
          <Text fontSize="sm" color="fg.error" role="alert">
            {problems['files']}
          </Text>
        ) : null}
      </Stack>
      <Flex gap="3">
        <Button type="submit" colorPalette="brand" loading={loading || uploads.busy || sending.loading}>
          Send
        </Button>
        <Button variant="outline" onClick={() => void navigate('..')}>
          Cancel
        </Button>
      </Flex>
    </FormStack>
  );
}

/** `…/messages/*`: the inbox, a conversation, and a new message, for patients and doctors. */
export function MessagesPages({ viewer }: { viewer: Viewer }) {
  return (
    <Routes>
      <Route index element={<Inbox viewer={viewer} />} />
      <Route path="new" element={<Compose viewer={viewer} />} />
      <Route path=":threadId" element={<Thread viewer={viewer} />} />
    </Routes>
  );
}
