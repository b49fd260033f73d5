import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Box, Button, Flex, Heading, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import type { MyPrescriptionsQuery as MyPrescriptionsData } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { useAuth } from '../auth/AuthProvider';
import { downloadPrescriptionPdf, PdfDownloadError } from './download-pdf';
import { MyPrescriptionsQuery } from './operations';

type Prescription = NonNullable<MyPrescriptionsData['me']['patient']>['prescriptions']['edges'][number]['node'];

export function useMyPrescriptions() {
  const { data, loading, error, refetch } = useQuery(MyPrescriptionsQuery);
  const all = data?.me.patient?.prescriptions.edges.map((e) => e.node) ?? [];
  return {
    active: all.filter((p) => p.status === 'ACTIVE'),
    past: all.filter((p) => p.status !== 'ACTIVE'),
    loading: loading && !data,
    error,
    refetch,
  };
}

const STATUS: Record<Prescription['status'], { label: string; palette: string }> = {
  ACTIVE: { label: 'Active', palette: 'green' },
  COMPLETED: { label: 'Completed', palette: 'gray' },
  DISCONTINUED: { label: 'Discontinued', palette: 'red' },
};

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
  const status = STATUS[prescription.status];
  return (
    <Box as="li" listStyleType="none" borderWidth="1px" borderRadius="l3" bg="bg" p="4">
      <Flex justify="space-between" gap="3" wrap="wrap" align="flex-start">
        <Stack gap="0.5">
          <Text fontWeight="semibold">Issued {formatDateTime(prescription.issuedAt, viewerTimeZone())}</Text>
          <Text color="fg.muted" fontSize="sm">
            Dr {prescription.doctor.firstName} {prescription.doctor.lastName}
          </Text>
        </Stack>
        <Badge colorPalette={status.palette}>{status.label}</Badge>
      </Flex>
      <Stack as="ul" gap="2" mt="3" ps="0" listStyleType="none">
        {prescription.items.map((item, index) => (
          <Box as="li" key={index} borderStartWidth="3px" borderColor="brand.muted" ps="3">
            <Text fontWeight="medium">
              {item.medication} — {item.dosage}
            </Text>
            <Text fontSize="sm" color="fg.muted">
              {item.frequency}, for {item.durationDays} day{item.durationDays === 1 ? '' : 's'}
              {item.instructions ? `. ${item.instructions}` : ''}
            </Text>
          </Box>
        ))}
      </Stack>
      {prescription.notes ? (
        <Text fontSize="sm" mt="2">
          {prescription.notes}
        </Text>
      ) : null}
      <Button mt="3" size="sm" variant="outline" onClick={() => void download()} loading={busy}>
        Download PDF
      </Button>
      {problem ? (
        <Alert.Root status="error" mt="2" borderRadius="l2">
          <Alert.Indicator />
          <Alert.Title>{problem}</Alert.Title>
        </Alert.Root>
      ) : null}
    </Box>
  );
}

function Section({ title, items, empty }: { title: string; items: Prescription[]; empty: string }) {
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
          <Section title="Active" items={active} empty="No active prescriptions" />
          <Section title="Past" items={past} empty="No past prescriptions" />
        </>
      )}
    </Stack>
  );
}
