import { useQuery } from '@apollo/client/react';
import { Alert, Box, Button, Flex, Heading, Stack, Text } from '@chakra-ui/react';
import { useId, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import type { MyPrescriptionsQuery as MyPrescriptionsData, PrescriptionStatus } from '../../gql/graphql';
import { formatDateTime, formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { useAuth } from '../auth/AuthProvider';
import { DoctorName } from '../doctors/DoctorName';
import { PrescriptionItemLine } from '../prescriptions/PrescriptionItemLine';
import { PrescriptionStatusBadge } from '../prescriptions/PrescriptionStatusBadge';
import { downloadPrescriptionPdf, PdfDownloadError } from './download-pdf';
import { MyPrescriptionsQuery } from './operations';

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

/** The most a message's subject holds (the API's limit). */
const SUBJECT_MAX = 200;

/**
 * A new message to the prescribing doctor asking for a repeat of this prescription, written for
 * the patient to read over and send: "Repeat prescription: Metformin 500 mg".
 */
export function repeatRequestPath(prescription: Pick<Prescription, 'doctor' | 'issuedAt' | 'items'>): string {
  const medicines = prescription.items.map((item) => item.medication).join(', ');
  const detailed = prescription.items.map((item) => `${item.medication} (${item.dosage}, ${item.frequency})`);
  const subject = `Repeat prescription: ${medicines}`;
  const body =
    `Please could you renew my prescription of ${detailed.join(' and ')}, ` +
    `issued on ${formatDay(prescription.issuedAt, viewerTimeZone())}?`;
  const params = new URLSearchParams({
    to: prescription.doctor.id,
    subject: subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject,
    body,
  });
  return `/patient/messages/new?${params.toString()}`;
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
      <Flex gap="2" mt="3" wrap="wrap">
        <Button size="sm" variant="outline" aria-describedby={headingId} onClick={() => void download()} loading={busy}>
          Download PDF
        </Button>
        {/* A course running or run out can be asked for again; one the doctor stopped is a conversation first. */}
        {prescription.status === 'DISCONTINUED' ? null : (
          <Button asChild size="sm" variant="ghost" aria-describedby={headingId}>
            <RouterLink to={repeatRequestPath(prescription)}>Ask for a repeat</RouterLink>
          </Button>
        )}
      </Flex>
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
