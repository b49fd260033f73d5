import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Clipboard,
  Code,
  Fieldset,
  Flex,
  HStack,
  IconButton,
  Stack,
  Table,
  Text,
} from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import type { AppointmentEventKind, ClaimStatus } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { CLAIM_STATUSES, claimStatusLabel } from '../billing/InvoiceStatusBadge';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog, EmptyState, ErrorState, LoadingList, TextField } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { PageHeader } from '../admin/ui';
import {
  CreateWebhookMutation,
  DeleteWebhookMutation,
  ReactivateWebhookMutation,
  TestWebhookMutation,
  WebhookDeliveriesQuery,
  WebhooksQuery,
} from './operations';

/** The kinds of appointment event, in the order a visit goes through them, in plain words. */
const EVENT_KINDS: readonly { kind: AppointmentEventKind; label: string }[] = [
  { kind: 'BOOKED', label: 'Booked' },
  { kind: 'CONFIRMED', label: 'Confirmed' },
  { kind: 'RESCHEDULED', label: 'Rescheduled' },
  { kind: 'CHECKED_IN', label: 'Checked in' },
  { kind: 'COMPLETED', label: 'Completed' },
  { kind: 'NO_SHOW', label: 'No-show' },
  { kind: 'CANCELLED', label: 'Cancelled' },
];
const LABEL = new Map(EVENT_KINDS.map((entry) => [entry.kind, entry.label]));

/**
 * What an insurance claim can become, in billing's order and words. A draft is never sent (a
 * claim's events start at its submission), so it is not offered.
 */
const CLAIM_KINDS: readonly { kind: ClaimStatus; label: string }[] = CLAIM_STATUSES.filter(
  (kind) => kind !== 'DRAFT',
).map((kind) => ({ kind, label: claimStatusLabel(kind) }));
const CLAIM_LABEL = new Map(CLAIM_KINDS.map((entry) => [entry.kind, `Claim ${entry.label.toLowerCase()}`]));

/** One delivery's event in plain words: the appointment's or the claim's kind, else the `type` sent. */
function eventLabel(attempt: {
  type: string;
  eventKind?: AppointmentEventKind | null;
  claimKind?: ClaimStatus | null;
}) {
  if (attempt.eventKind) {
    return LABEL.get(attempt.eventKind) ?? attempt.type;
  }
  if (attempt.claimKind) {
    return CLAIM_LABEL.get(attempt.claimKind) ?? attempt.type;
  }
  return attempt.type;
}

/** One group of checkboxes of the new webhook's form: the kinds it receives of one thing. */
function KindGroup<Kind extends string>({
  legend,
  kinds,
  chosen,
  onChange,
  invalid,
}: {
  legend: string;
  kinds: readonly { kind: Kind; label: string }[];
  chosen: readonly Kind[];
  onChange: (next: (current: Kind[]) => Kind[]) => void;
  invalid: boolean;
}) {
  return (
    <Fieldset.Root invalid={invalid}>
      <Fieldset.Legend color="fg.muted">{legend}</Fieldset.Legend>
      <Flex gap="4" wrap="wrap">
        {kinds.map(({ kind, label }) => (
          <Checkbox.Root
            key={kind}
            checked={chosen.includes(kind)}
            onCheckedChange={(details) =>
              onChange((current) => (details.checked === true ? [...current, kind] : current.filter((k) => k !== kind)))
            }
          >
            <Checkbox.HiddenInput />
            <Checkbox.Control />
            <Checkbox.Label>{label}</Checkbox.Label>
          </Checkbox.Root>
        ))}
      </Flex>
    </Fieldset.Root>
  );
}

/** Why an attempt failed, in plain words. */
const FAILURE: Record<string, string> = {
  HTTP_STATUS: 'Error status',
  REDIRECT: 'Redirect (not followed)',
  TIMEOUT: 'Timed out',
  CONNECTION: 'Could not connect',
  DNS: 'Host not found',
  TLS: 'TLS certificate problem',
  REFUSED_ADDRESS: 'Refused: not a public address',
};

interface IssuedSecret {
  url: string;
  secret: string;
}

/** The signing secret, once: copy it now, it is never shown again. */
function SecretOnce({ issued, onDone }: { issued: IssuedSecret; onDone: () => void }) {
  return (
    <Alert.Root status="warning" alignItems="flex-start">
      <Alert.Indicator />
      <Stack gap="2" flex="1" minW="0">
        <Alert.Title>Copy the signing secret for {issued.url} now: it is shown only this once.</Alert.Title>
        <HStack align="stretch">
          <Code wordBreak="break-all" p="2" flex="1" aria-label="Signing secret">
            {issued.secret}
          </Code>
          <Clipboard.Root value={issued.secret}>
            <Clipboard.Trigger asChild>
              <IconButton variant="outline" size="sm" aria-label="Copy the signing secret">
                <Clipboard.Indicator />
              </IconButton>
            </Clipboard.Trigger>
          </Clipboard.Root>
        </HStack>
        <Text fontSize="sm">
          The receiver verifies each delivery with it (Standard Webhooks: headers webhook-id, webhook-timestamp,
          webhook-signature).
        </Text>
        <Box>
          <Button size="sm" onClick={onDone}>
            I have stored it
          </Button>
        </Box>
      </Stack>
    </Alert.Root>
  );
}

function NewWebhookForm({ onCreated }: { onCreated: (issued: IssuedSecret) => void }) {
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<AppointmentEventKind[]>([]);
  const [claimsChosen, setClaimsChosen] = useState<ClaimStatus[]>([]);
  const [create, { loading, error }] = useMutation(CreateWebhookMutation, { refetchQueries: ['AdminWebhooks'] });
  const [local, setLocal] = useState<Record<string, string>>({});
  const problems = { ...fieldErrors(error) };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^https?:\/\/\S+$/i.test(url.trim())) {
      found['url'] = 'Enter the endpoint’s address, starting with https://';
    }
    if (chosen.length === 0 && claimsChosen.length === 0) {
      found['events'] = 'Choose at least one kind of event: of appointments, of insurance claims, or both.';
    }
    setLocal(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    create({ variables: { input: { url: url.trim(), events: chosen, claimEvents: claimsChosen } } })
      .then(({ data }) => {
        if (data) {
          onCreated({ url: data.createWebhook.webhook.url, secret: data.createWebhook.secret });
          setUrl('');
          setChosen([]);
          setClaimsChosen([]);
        }
      })
      .catch(() => undefined);
  };
  const urlError = local['url'] ?? problems['url'];
  const eventsError = local['events'] ?? problems['events'] ?? problems['claimEvents'];
  return (
    <Box asChild borderWidth="1px" borderRadius="l3" p="4">
      <form onSubmit={submit} noValidate aria-label="New webhook">
        <Stack gap="4">
          <Text fontWeight="semibold">New webhook</Text>
          <TextField
            label="Endpoint URL"
            required
            value={url}
            onChange={setUrl}
            error={urlError}
            type="url"
            placeholder="https://example.org/webhooks/clinic"
            helper="An https address on the public internet. Redirects are not followed."
          />
          <Fieldset.Root invalid={Boolean(eventsError)}>
            <Fieldset.Legend>Events to send</Fieldset.Legend>
            <Fieldset.HelperText>Choose at least one kind, in either group or both.</Fieldset.HelperText>
            <Fieldset.Content>
              <KindGroup
                legend="Appointment events"
                kinds={EVENT_KINDS}
                chosen={chosen}
                onChange={setChosen}
                invalid={Boolean(eventsError)}
              />
              <KindGroup
                legend="Insurance claims"
                kinds={CLAIM_KINDS}
                chosen={claimsChosen}
                onChange={setClaimsChosen}
                invalid={Boolean(eventsError)}
              />
            </Fieldset.Content>
            {eventsError ? <Fieldset.ErrorText>{eventsError}</Fieldset.ErrorText> : null}
          </Fieldset.Root>
          {error && Object.keys(problems).length === 0 ? (
            <Alert.Root status="error">
              <Alert.Indicator />
              <Alert.Title>{plainMessage(error)}</Alert.Title>
            </Alert.Root>
          ) : null}
          <Box>
            <Button type="submit" colorPalette="brand" loading={loading}>
              Create webhook
            </Button>
          </Box>
        </Stack>
      </form>
    </Box>
  );
}

/** Every attempt to one endpoint, newest first: when, which event, the outcome and how long it took. */
function Deliveries({ webhookId, url }: { webhookId: string; url: string }) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(WebhookDeliveriesQuery, {
    variables: { webhookId },
    fetchPolicy: 'cache-and-network',
  });
  const zone = viewerTimeZone();
  const connection = data?.webhookDeliveries;
  const more = useLoadMore(connection?.pageInfo, fetchMore, networkStatus);
  const attempts = connection?.edges.map((edge) => edge.node) ?? [];
  return (
    <Stack gap="3" aria-label={`Deliveries to ${url}`}>
      <HStack justify="space-between" wrap="wrap">
        <Text fontWeight="semibold" wordBreak="break-all">
          Deliveries to {url}
        </Text>
        <Button size="xs" variant="outline" onClick={() => void refetch()}>
          Refresh
        </Button>
      </HStack>
      {loading && !data ? (
        <LoadingList label="Loading deliveries…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : attempts.length === 0 ? (
        <EmptyState
          title="Nothing sent yet"
          description="Attempts appear here as appointments or insurance claims change in the kinds this webhook receives."
        />
      ) : (
        <>
          <Table.ScrollArea borderWidth="1px" borderRadius="l3">
            <Table.Root size="sm">
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeader>When</Table.ColumnHeader>
                  <Table.ColumnHeader>Event</Table.ColumnHeader>
                  <Table.ColumnHeader textAlign="end">Attempt</Table.ColumnHeader>
                  <Table.ColumnHeader>Outcome</Table.ColumnHeader>
                  <Table.ColumnHeader textAlign="end">Time</Table.ColumnHeader>
                  <Table.ColumnHeader display={{ base: 'none', md: 'table-cell' }}>Next attempt</Table.ColumnHeader>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {attempts.map((attempt) => (
                  <Table.Row key={attempt.id}>
                    <Table.Cell whiteSpace="nowrap">{formatDateTime(attempt.attemptedAt, zone)}</Table.Cell>
                    <Table.Cell>
                      <Text>{eventLabel(attempt)}</Text>
                      <Text fontSize="xs" color="fg.muted" fontFamily="mono">
                        {attempt.type}
                      </Text>
                      <Text
                        fontSize="xs"
                        color="fg.muted"
                        wordBreak="break-all"
                        display={{ base: 'none', md: 'block' }}
                      >
                        {attempt.eventId}
                      </Text>
                    </Table.Cell>
                    <Table.Cell textAlign="end">{attempt.attempt}</Table.Cell>
                    <Table.Cell>
                      {attempt.succeeded ? (
                        <Badge colorPalette="green">Delivered · {attempt.statusCode}</Badge>
                      ) : (
                        <Badge colorPalette="red">
                          {FAILURE[attempt.errorClass ?? ''] ?? 'Failed'}
                          {attempt.statusCode ? ` · ${attempt.statusCode}` : ''}
                        </Badge>
                      )}
                    </Table.Cell>
                    <Table.Cell textAlign="end" whiteSpace="nowrap">
                      {attempt.durationMs} ms
                    </Table.Cell>
                    <Table.Cell whiteSpace="nowrap" display={{ base: 'none', md: 'table-cell' }}>
                      {attempt.nextAttemptAt ? formatDateTime(attempt.nextAttemptAt, zone) : '—'}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          </Table.ScrollArea>
          <LoadMore count={attempts.length} noun="attempt" hasNextPage={connection?.pageInfo.hasNextPage} more={more} />
        </>
      )}
    </Stack>
  );
}

/** What a test message's answer says, in plain words. */
function testOutcome(result: {
  succeeded: boolean;
  statusCode?: number | null;
  errorClass?: string | null;
  durationMs: number;
}) {
  if (result.succeeded) {
    return `Test event delivered: the endpoint answered ${result.statusCode ?? ''} in ${result.durationMs} ms.`;
  }
  const why = FAILURE[result.errorClass ?? ''] ?? 'Failed';
  return `Test event not delivered: ${why}${result.statusCode ? ` (${result.statusCode})` : ''} after ${result.durationMs} ms.`;
}

/**
 * "Send test event" (a signed `webhook.test` message, answered at once) and, for an endpoint
 * turned off for failing too long, "Turn back on" (a fresh failure window).
 */
function WebhookChecks({ hook }: { hook: { id: string; url: string; active: boolean } }) {
  const [test, testing] = useMutation(TestWebhookMutation);
  const [reactivate, reactivation] = useMutation(ReactivateWebhookMutation);
  const result = testing.data?.testWebhook;
  const failure = testing.error ?? reactivation.error;
  return (
    <Stack gap="2" flexBasis="100%">
      <HStack gap="2" wrap="wrap">
        <Button
          size="xs"
          variant="outline"
          loading={testing.loading}
          onClick={() => void test({ variables: { id: hook.id } }).catch(() => undefined)}
        >
          Send test event
        </Button>
        {!hook.active ? (
          <Button
            size="xs"
            colorPalette="brand"
            loading={reactivation.loading}
            onClick={() => void reactivate({ variables: { id: hook.id } }).catch(() => undefined)}
          >
            Turn back on
          </Button>
        ) : null}
      </HStack>
      {!hook.active && !reactivation.data ? (
        <Text fontSize="sm" color="fg.muted">
          It was turned off after failing for too long. Fix the endpoint, send a test event, then turn it back on;
          events from while it was off are not resent.
        </Text>
      ) : null}
      {result ? (
        <Text fontSize="sm" role="status" color={result.succeeded ? 'fg.success' : 'fg.error'}>
          {testOutcome(result)}
        </Text>
      ) : null}
      {failure ? (
        <Text fontSize="sm" role="alert" color="fg.error">
          {plainMessage(failure)}
        </Text>
      ) : null}
    </Stack>
  );
}

/** `/admin/webhooks`: the clinic's webhooks — create (secret shown once), delete, and each one's deliveries. */
export function WebhooksPage() {
  const { data, loading, error, refetch } = useQuery(WebhooksQuery, { fetchPolicy: 'cache-and-network' });
  const [issued, setIssued] = useState<IssuedSecret>();
  const [open, setOpen] = useState<string>();
  const [pending, setPending] = useState<{ id: string; url: string }>();
  const [remove, removal] = useMutation(DeleteWebhookMutation, { refetchQueries: ['AdminWebhooks'] });
  const zone = viewerTimeZone();
  const hooks = data?.webhooks ?? [];
  const opened = hooks.find((hook) => hook.id === open);
  return (
    <Stack gap="6">
      <PageHeader
        title="Webhooks"
        description="The clinic's systems are told of appointment and insurance claim changes by signed HTTPS calls (Standard Webhooks). Only ids, the kind of change and its time are sent, never clinical details."
      />
      {issued ? <SecretOnce issued={issued} onDone={() => setIssued(undefined)} /> : null}
      {removal.error ? (
        <Alert.Root status="error">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(removal.error)}</Alert.Title>
        </Alert.Root>
      ) : null}
      {loading && !data ? (
        <LoadingList label="Loading webhooks…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : hooks.length === 0 ? (
        <EmptyState
          title="No webhooks yet"
          description="Create one below to have appointment or insurance claim changes sent to a system."
        />
      ) : (
        <Stack as="ul" gap="3" listStyleType="none" aria-label="Webhooks">
          {hooks.map((hook) => (
            <Flex
              as="li"
              key={hook.id}
              borderWidth="1px"
              borderRadius="l3"
              p="4"
              gap="3"
              direction={{ base: 'column', md: 'row' }}
              wrap="wrap"
              align={{ base: 'stretch', md: 'center' }}
              bg="bg"
            >
              <Stack gap="1" flex="1" minW="0">
                <Text fontWeight="medium" wordBreak="break-all">
                  {hook.url}
                </Text>
                <Flex gap="1" wrap="wrap" align="center">
                  {!hook.active ? (
                    <Badge colorPalette="red">
                      Turned off {hook.disabledAt ? formatDateTime(hook.disabledAt, zone) : ''}
                    </Badge>
                  ) : hook.failingSince ? (
                    <Badge colorPalette="orange">Failing since {formatDateTime(hook.failingSince, zone)}</Badge>
                  ) : (
                    <Badge colorPalette="green">Active</Badge>
                  )}
                  {hook.events.map((kind) => (
                    <Badge key={kind} variant="outline">
                      {LABEL.get(kind) ?? kind}
                    </Badge>
                  ))}
                  {hook.claimEvents.map((kind) => (
                    <Badge key={`claim-${kind}`} variant="outline">
                      {CLAIM_LABEL.get(kind) ?? kind}
                    </Badge>
                  ))}
                </Flex>
                <Text fontSize="xs" color="fg.muted">
                  Created {formatDateTime(hook.createdAt, zone)}
                </Text>
              </Stack>
              <HStack gap="2" justify={{ base: 'flex-start', md: 'flex-end' }}>
                <Button
                  size="xs"
                  variant="outline"
                  aria-pressed={open === hook.id}
                  onClick={() => setOpen(open === hook.id ? undefined : hook.id)}
                >
                  {open === hook.id ? 'Hide deliveries' : 'Deliveries'}
                </Button>
                <Button
                  size="xs"
                  variant="outline"
                  colorPalette="red"
                  onClick={() => setPending({ id: hook.id, url: hook.url })}
                >
                  Delete
                </Button>
              </HStack>
              <WebhookChecks hook={hook} />
            </Flex>
          ))}
        </Stack>
      )}
      {opened ? <Deliveries webhookId={opened.id} url={opened.url} /> : null}
      <NewWebhookForm onCreated={setIssued} />
      <ConfirmDialog
        open={Boolean(pending)}
        title="Delete this webhook?"
        description={`Nothing more is sent to ${pending?.url ?? ''}, and its delivery log goes with it. This cannot be undone.`}
        confirmLabel="Delete"
        pending={removal.loading}
        onConfirm={() => {
          if (!pending) {
            return;
          }
          remove({ variables: { id: pending.id } })
            .then(() => {
              if (open === pending.id) {
                setOpen(undefined);
              }
            })
            .catch(() => undefined)
            .finally(() => setPending(undefined));
        }}
        onCancel={() => setPending(undefined)}
      />
    </Stack>
  );
}
