import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Box, Button, Flex, Heading, Stack, Text } from '@chakra-ui/react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { MyPrescriptionsQuery as MyPrescriptionsData, PrescriptionStatus } from '../../gql/graphql';
import { formatDateTime, formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList, TextField } from '../../shared/ui';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { getFragmentData } from '../../gql';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { useAuth } from '../auth/AuthProvider';
import { DoctorName, DoctorNameFragment, doctorName } from '../doctors/DoctorName';
import { PrescriptionItemLine } from '../prescriptions/PrescriptionItemLine';
import { PrescriptionStatusBadge } from '../prescriptions/PrescriptionStatusBadge';
import { downloadPrescriptionPdf, PdfDownloadError } from './download-pdf';
import {
  MyPrescriptionsQuery,
  MyRepeatRequestFragment,
  RequestRepeatPrescriptionMutation,
  WithdrawRepeatRequestMutation,
} from './operations';

type Prescription = NonNullable<MyPrescriptionsData['me']['patient']>['prescriptions']['edges'][number]['node'];

/** One of the patient's prescription lists (by status), newest first, with "Load more". */
function usePrescriptionList(status: PrescriptionStatus[], first: number) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MyPrescriptionsQuery, {
    variables: { status, first },
  });
  const connection = data?.me.patient?.prescriptions;
  const more = useLoadMore(connection?.pageInfo, fetchMore, networkStatus);
  return {
    items: connection?.edges.map((e) => e.node) ?? [],
    totalCount: connection?.totalCount,
    hasNextPage: connection?.pageInfo.hasNextPage,
    ...more,
    loading: loading && !data,
    error,
    refetch,
  };
}

type PrescriptionList = ReturnType<typeof usePrescriptionList>;

/** Active prescriptions (asked for by status, however old) and past ones, each paged. */
export function useMyPrescriptions() {
  const active = usePrescriptionList(['ACTIVE'], 50);
  const past = usePrescriptionList(['COMPLETED', 'DISCONTINUED'], 20);
  return {
    active,
    past,
    loading: active.loading || past.loading,
    error: active.error ?? past.error,
    refetch: () => Promise.all([active.refetch(), past.refetch()]),
  };
}

const NOTE_MAX = 500;

/**
 * Where the patient's repeat of this prescription stands, and "Ask for a repeat": a short note for
 * the doctor who issued it, sent as a request they answer by issuing it or saying why not. A
 * prescription the doctor stopped is a conversation first (no button).
 */
function RepeatRequest({
  prescription,
  describedBy,
  children,
}: {
  prescription: Prescription;
  describedBy: string;
  /** The card's other actions, beside "Ask for a repeat". */
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string>();
  const [ask, { loading, error }] = useMutation(RequestRepeatPrescriptionMutation);
  const [withdraw, withdrawal] = useMutation(WithdrawRepeatRequestMutation);
  const request = prescription.repeatRequest
    ? getFragmentData(MyRepeatRequestFragment, prescription.repeatRequest)
    : null;
  const zone = viewerTimeZone();
  const doctor = doctorName(getFragmentData(DoctorNameFragment, prescription.doctor));
  // A doctor who has left answers nothing: the patient's other doctors do (the API hands it to
  // them); while the doctor is on time off, their other doctors may answer too.
  const awayUntil = prescription.doctor.awayUntil;
  const answeredBy = !prescription.doctor.active
    ? 'your other doctors'
    : awayUntil
      ? `${doctor} (away until ${formatDay(awayUntil, zone)}) or another of your doctors`
      : doctor;
  const canAsk = prescription.status !== 'DISCONTINUED' && request?.status !== 'REQUESTED';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (note.trim().length > NOTE_MAX) {
      setProblem(`Keep the note to ${NOTE_MAX} characters.`);
      return;
    }
    setProblem(undefined);
    try {
      await ask({ variables: { prescriptionId: prescription.id, note: note.trim() || null } });
      setOpen(false);
      setNote('');
    } catch {
      // Shown from `error`.
    }
  }

  return (
    <Stack gap="2" mt="3">
      <Flex gap="2" wrap="wrap">
        {children}
        {canAsk && !open ? (
          <Button size="sm" variant="ghost" aria-describedby={describedBy} onClick={() => setOpen(true)}>
            {request?.status === 'DECLINED' ? 'Ask again' : 'Ask for a repeat'}
          </Button>
        ) : null}
      </Flex>
      {request?.status === 'REQUESTED' ? (
        <Flex gap="2" align="center" wrap="wrap">
          <Text fontSize="sm" role="status">
            You asked for a repeat on {formatDay(request.createdAt, zone)}: waiting for {answeredBy}.
          </Text>
          <Button
            size="xs"
            variant="ghost"
            aria-describedby={describedBy}
            loading={withdrawal.loading}
            onClick={() => void withdraw({ variables: { id: request.id } }).catch(() => undefined)}
          >
            Withdraw request
          </Button>
        </Flex>
      ) : null}
      {withdrawal.error ? (
        <Alert.Root status="error" size="sm">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(withdrawal.error)}</Alert.Title>
        </Alert.Root>
      ) : null}
      {request?.status === 'DECLINED' ? (
        <Alert.Root status="warning" borderRadius="l2">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>
              {doctor} did not issue the repeat you asked for on {formatDay(request.createdAt, zone)}
            </Alert.Title>
            {request.declineReason ? <Alert.Description>{request.declineReason}</Alert.Description> : null}
          </Alert.Content>
        </Alert.Root>
      ) : null}
      {request?.status === 'ISSUED' && request.decidedAt ? (
        <Text fontSize="sm" color="fg.muted">
          Repeated on {formatDay(request.decidedAt, zone)}: the new prescription is under Active.
        </Text>
      ) : null}
      {open ? (
        <form onSubmit={(event) => void submit(event)} noValidate aria-label="Ask for a repeat">
          <Stack gap="2">
            {error ? (
              <Alert.Root status="error" size="sm">
                <Alert.Indicator />
                <Alert.Title>{plainMessage(error)}</Alert.Title>
              </Alert.Root>
            ) : null}
            <TextField
              label={`Anything ${answeredBy} should know?`}
              helper="Optional: for example when you will run out."
              multiline
              rows={2}
              value={note}
              onChange={setNote}
              error={problem ?? fieldErrors(error).note}
            />
            <Flex gap="2">
              <Button type="submit" size="sm" colorPalette="brand" loading={loading}>
                Send request
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setOpen(false)} disabled={loading}>
                Cancel
              </Button>
            </Flex>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}

function PrescriptionCard({ prescription }: { prescription: Prescription }) {
  const { accessToken } = useAuth();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const download = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await downloadPrescriptionPdf(accessToken, prescription.id);
    } catch (error) {
      setProblem(
        error instanceof PdfDownloadError ? error.message : 'The PDF could not be downloaded. Please try again.',
      );
    } finally {
      setBusy(false);
    }
  };
  // Every card has a "Download PDF": each is described by its prescription's date and doctor.
  const headingId = useId();
  return (
    <Box as="li" listStyleType="none" borderWidth="1px" borderRadius="l3" bg="bg" p="4">
      <Flex justify="space-between" gap="3" wrap="wrap" align="flex-start">
        <Stack gap="0.5" id={headingId}>
          <Text fontWeight="semibold">Issued {formatDateTime(prescription.issuedAt, viewerTimeZone())}</Text>
          <Text color="fg.muted" fontSize="sm">
            <DoctorName doctor={prescription.doctor} />
          </Text>
        </Stack>
        <PrescriptionStatusBadge prescription={prescription} />
      </Flex>
      <Stack as="ul" gap="2" mt="3" ps="0" listStyleType="none">
        {prescription.items.map((item, index) => (
          <li key={index}>
            <PrescriptionItemLine item={item} />
          </li>
        ))}
      </Stack>
      {prescription.notes ? (
        <Text fontSize="sm" mt="2">
          {prescription.notes}
        </Text>
      ) : null}
      <RepeatRequest prescription={prescription} describedBy={headingId}>
        <Button size="sm" variant="outline" aria-describedby={headingId} onClick={() => void download()} loading={busy}>
          Download PDF
        </Button>
      </RepeatRequest>
      {problem ? (
        <Alert.Root status="error" mt="2" borderRadius="l2">
          <Alert.Indicator />
          <Alert.Title>{problem}</Alert.Title>
        </Alert.Root>
      ) : null}
    </Box>
  );
}

function Section({ title, list, empty }: { title: string; list: PrescriptionList; empty: string }) {
  const items: readonly Prescription[] = list.items;
  return (
    <Stack as="section" gap="3">
      <Heading as="h2" size="lg">
        {title}
      </Heading>
      {items.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <Stack as="ul" gap="3" p="0" m="0">
          {items.map((p) => (
            <PrescriptionCard key={p.id} prescription={p} />
          ))}
        </Stack>
      )}
      {items.length > 0 ? (
        <LoadMore
          count={items.length}
          total={list.totalCount}
          noun="prescription"
          hasNextPage={list.hasNextPage}
          more={list}
        />
      ) : null}
    </Stack>
  );
}

/** `/patient/prescriptions`. */
export function PrescriptionsPage() {
  const { active, past, loading, error, refetch } = useMyPrescriptions();
  return (
    <Stack gap="8">
      <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
        Prescriptions
      </Heading>
      {loading ? (
        <LoadingList label="Loading prescriptions…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <Section title="Active" list={active} empty="No active prescriptions" />
          <Section title="Past" list={past} empty="No past prescriptions" />
        </>
      )}
    </Stack>
  );
}
