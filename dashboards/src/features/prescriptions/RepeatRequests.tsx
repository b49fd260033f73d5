import type { Reference } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Box, Button, Flex, Heading, Link, Stack, Text } from '@chakra-ui/react';
import { useId, useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import type { RepeatRequestsQuery as RepeatRequestsData } from '../../gql/graphql';
import { formatDateTime, formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { ErrorState, TextField } from '../../shared/ui';
import { useAuth } from '../auth/AuthProvider';
import { coveringFor } from '../doctors/covering';
import { itemDraftOf, PrescriptionItemLine, type ItemDraft } from './PrescriptionItemLine';
import { DeclineRepeatRequestMutation, RepeatRequestCountQuery, RepeatRequestsQuery } from './operations';

type Waiting = RepeatRequestsData['repeatRequests'][number];

const REASON_MIN = 3;
const REASON_MAX = 500;

/** Requests arrive between visits: the count is asked for again this often (a count, no request read). */
const COUNT_EVERY_MS = 120_000;

/** How many repeat requests wait for the doctor, for the Today tab's badge; 0 while unknown. */
export function useRepeatRequestCount(): number {
  const { data } = useQuery(RepeatRequestCountQuery, { pollInterval: COUNT_EVERY_MS });
  return data?.repeatRequestCount ?? 0;
}

/** What the chart needs to open its prescription form as the answer to a request. */
export interface RepeatToIssue {
  readonly requestId: string;
  readonly note: string | null;
  readonly items: readonly ItemDraft[];
}

/** The chart's address state that opens the prescription form as the answer to `request`. */
function repeatState(request: Waiting): { repeatRequest: RepeatToIssue } {
  return {
    repeatRequest: {
      requestId: request.id,
      note: request.note ?? null,
      items: request.prescription.items.map(itemDraftOf),
    },
  };
}

/**
 * The repeat prescriptions patients asked the doctor for, oldest first: the medications, the
 * patient's note, "Issue repeat" (the chart's prescription form, filled in, answering the request)
 * and "Decline" with a reason the patient reads. Nothing when none is waiting.
 */
export function RepeatRequests() {
  // Read afresh whenever the page opens: requests arrive between visits.
  const { data, error, refetch } = useQuery(RepeatRequestsQuery, { fetchPolicy: 'cache-and-network' });
  const list = data?.repeatRequests ?? [];
  if (error) {
    return <ErrorState error={error} title="Repeat requests did not load" onRetry={() => void refetch()} />;
  }
  if (list.length === 0) {
    return null;
  }
  return (
    <Stack as="section" gap="3" aria-labelledby="repeat-requests">
      <Heading as="h2" size="lg" id="repeat-requests">
        Repeat requests ({list.length}
        {list.length >= 100 ? '+' : ''})
      </Heading>
      <Stack as="ul" listStyleType="none" gap="2" p="0" m="0">
        {list.map((request) => (
          <RequestRow key={request.id} request={request} />
        ))}
      </Stack>
    </Stack>
  );
}

function RequestRow({ request }: { request: Waiting }) {
  const nameId = useId();
  const [declining, setDeclining] = useState(false);
  const name = `${request.patient.firstName} ${request.patient.lastName}`;
  const zone = viewerTimeZone();
  const covering = coveringFor(request.doctor, useAuth().user?.doctor?.id, zone);
  return (
    <Box as="li" borderWidth="1px" borderRadius="l2" bg="bg" p="3">
      <Flex justify="space-between" gap="3" wrap="wrap" align="flex-start">
        <Stack gap="1" minW="0">
          <Flex gap="2" align="baseline" wrap="wrap">
            <Link asChild fontWeight="semibold" id={nameId}>
              <RouterLink to={`/doctor/patients/${request.patient.id}`}>{name}</RouterLink>
            </Link>
            <Text fontSize="sm" color="fg.muted">
              Asked {formatDateTime(request.createdAt, zone)} · prescribed{' '}
              {formatDay(request.prescription.issuedAt, zone)}
              {covering ? ` · asked of ${covering.doctor} (${covering.why})` : ''}
            </Text>
          </Flex>
          <Stack as="ul" gap="1" ps="0" listStyleType="none">
            {request.prescription.items.map((item, index) => (
              <li key={index}>
                <PrescriptionItemLine item={item} />
              </li>
            ))}
          </Stack>
          {request.note ? (
            <Text fontSize="sm">
              <Text as="span" color="fg.muted">
                Patient’s note:{' '}
              </Text>
              {request.note}
            </Text>
          ) : null}
        </Stack>
        <Flex gap="2" wrap="wrap">
          <Button asChild size="sm" colorPalette="brand" aria-describedby={nameId}>
            <RouterLink to={`/doctor/patients/${request.patient.id}`} state={repeatState(request)}>
              Issue repeat
            </RouterLink>
          </Button>
          <Button
            size="sm"
            variant="outline"
            aria-describedby={nameId}
            aria-expanded={declining}
            onClick={() => setDeclining((open) => !open)}
          >
            Decline
          </Button>
        </Flex>
      </Flex>
      {declining ? <DeclineForm request={request} name={name} onCancel={() => setDeclining(false)} /> : null}
    </Box>
  );
}

function DeclineForm({ request, name, onCancel }: { request: Waiting; name: string; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const [decline, { loading, error }] = useMutation(DeclineRepeatRequestMutation, {
    refetchQueries: [RepeatRequestCountQuery],
    // Answered: it leaves the list at once (the list is not read again: each row is a chart read).
    update(cache, { data }) {
      const declined = data?.declineRepeatRequest.id;
      if (declined) {
        cache.modify<{ repeatRequests: readonly Reference[] }>({
          fields: {
            repeatRequests: (existing, { readField }) => existing.filter((ref) => readField('id', ref) !== declined),
          },
        });
      }
    },
  });
  const server = fieldErrors(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length < REASON_MIN || trimmed.length > REASON_MAX) {
      setProblem(`Tell ${name} why, in ${REASON_MIN} to ${REASON_MAX} characters.`);
      return;
    }
    setProblem(undefined);
    await decline({ variables: { id: request.id, reason: trimmed } }).catch(() => undefined);
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={`Decline ${name}’s request`}>
      <Stack gap="2" mt="3">
        {error && !server.reason ? (
          <Alert.Root status="error" size="sm">
            <Alert.Indicator />
            <Alert.Title>{plainMessage(error)}</Alert.Title>
          </Alert.Root>
        ) : null}
        <TextField
          label="Reason the patient reads"
          required
          multiline
          rows={2}
          value={reason}
          onChange={setReason}
          error={problem ?? server.reason}
          placeholder="e.g. Please book a review first: we should check your blood pressure."
        />
        <Flex gap="2">
          <Button type="submit" size="sm" colorPalette="red" loading={loading}>
            Decline and tell the patient
          </Button>
          <Button size="sm" variant="ghost" onClick={onCancel} disabled={loading}>
            Cancel
          </Button>
        </Flex>
      </Stack>
    </form>
  );
}
