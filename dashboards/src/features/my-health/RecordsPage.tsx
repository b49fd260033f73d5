import { useQuery } from '@apollo/client/react';
import { Badge, Box, Heading, HStack, Stack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { DoctorName } from '../doctors/DoctorName';
import { PrescriptionStatusBadge } from '../prescriptions/PrescriptionStatusBadge';
import { DiagnosisLine } from '../records/DiagnosisLine';
import { RecordTypeBadge } from '../records/RecordTypeBadge';
import { VitalsSummary } from '../records/VitalsSummary';
import { StayDetails } from '../organisation/StayDetails';
import { splitTimeline } from '../chart/timeline-split';
import { DownloadRecordPanel } from './DownloadRecordPanel';
import { MyRecordsQuery, MyVitalsQuery } from './operations';
import { VitalsCharts } from './VitalsChart';

export function useMyRecords() {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(MyRecordsQuery);
  const connection = data?.me.patient?.timeline;
  const more = useLoadMore(connection?.pageInfo, fetchMore, networkStatus);
  return {
    timeline: connection?.edges.map((e) => e.node) ?? [],
    totalCount: connection?.totalCount,
    hasNextPage: connection?.pageInfo.hasNextPage,
    more,
    patientId: data?.me.patient?.id,
    loading: loading && !data,
    error,
    refetch,
  };
}

/** Every record's vitals loaded so far, oldest first, for the charts; older records on "Load more". */
export function useMyVitals() {
  const { data, fetchMore, networkStatus } = useQuery(MyVitalsQuery);
  const connection = data?.me.patient?.medicalRecords;
  const more = useLoadMore(connection?.pageInfo, fetchMore, networkStatus);
  const records = useMemo(() => connection?.edges.map((e) => e.node) ?? [], [connection]);
  const points = useMemo(
    () =>
      records
        .filter((r) => r.vitals && Object.values(r.vitals).some((v) => typeof v === 'number'))
        .map((r) => ({ at: new Date(r.recordedAt), ...r.vitals }))
        .sort((a, b) => a.at.getTime() - b.at.getTime()),
    [records],
  );
  return {
    points,
    records: records.length,
    totalCount: connection?.totalCount,
    hasNextPage: connection?.pageInfo.hasNextPage,
    ...more,
  };
}

/** `/patient/records`: vitals over time and the chart's timeline. */
export function RecordsPage() {
  const { timeline, totalCount, hasNextPage, more, patientId, loading, error, refetch } = useMyRecords();
  const vitals = useMyVitals();
  const zone = viewerTimeZone();
  // Visits booked ahead lead the API's newest-first timeline: they get their own list, soonest first.
  const [now] = useState(() => Date.now());
  const { upcoming, history } = splitTimeline(timeline, now);

  return (
    <Stack gap="8">
      <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
        My records
      </Heading>
      {loading ? (
        <LoadingList label="Loading your records…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          {patientId ? <DownloadRecordPanel patientId={patientId} /> : null}
          <Stack as="section" gap="3">
            <Heading as="h2" size="lg">
              Vitals over time
            </Heading>
            {vitals.points.length === 0 && !vitals.hasNextPage ? (
              <EmptyState title="No vitals recorded yet" description="They appear here after a visit." />
            ) : (
              <>
                <VitalsCharts points={vitals.points} />
                <LoadMore
                  count={vitals.records}
                  total={vitals.totalCount}
                  noun="record"
                  hasNextPage={vitals.hasNextPage}
                  more={vitals}
                />
              </>
            )}
          </Stack>
          {upcoming.length > 0 ? (
            <Stack as="section" gap="3" aria-labelledby="upcoming-visits">
              <Heading as="h2" size="lg" id="upcoming-visits">
                Upcoming visits
              </Heading>
              <TimelineList entries={upcoming} zone={zone} />
            </Stack>
          ) : null}
          <Stack as="section" gap="3" aria-labelledby="records-timeline">
            <Heading as="h2" size="lg" id="records-timeline">
              Timeline
            </Heading>
            {history.length === 0 ? (
              <EmptyState title={upcoming.length > 0 ? 'No history yet' : 'Nothing in your chart yet'} />
            ) : (
              <TimelineList entries={history} zone={zone} />
            )}
            <LoadMore
              count={timeline.length}
              total={totalCount}
              noun="timeline item"
              hasNextPage={hasNextPage}
              more={more}
            />
          </Stack>
        </>
      )}
    </Stack>
  );
}

type TimelineEntry = ReturnType<typeof useMyRecords>['timeline'][number];

/** Timeline entries as a vertical line of dated items. */
function TimelineList({ entries, zone }: { entries: readonly TimelineEntry[]; zone: string }) {
  return (
    <Stack as="ol" gap="0" p="0" m="0" listStyleType="none" borderStartWidth="2px" borderColor="border" ms="2">
      {entries.map((entry) => {
        const record = entry.medicalRecord;
        return (
          <Box as="li" key={`${entry.kind}-${entry.id}`} position="relative" ps="5" pb="5">
            <Box
              position="absolute"
              insetStart="-7px"
              top="1.5"
              w="3"
              h="3"
              borderRadius="full"
              bg="brand.solid"
              aria-hidden="true"
            />
            <Text fontSize="sm" color="fg.muted">
              {formatDateTime(entry.at, zone)}
            </Text>
            {entry.kind === 'APPOINTMENT' && entry.appointment ? (
              <Text>
                Visit with <DoctorName doctor={entry.appointment.doctor} /> ({entry.appointment.doctor.specialization}){' '}
                <AppointmentStatusBadge appointment={entry.appointment} size="sm" />
              </Text>
            ) : null}
            {entry.kind === 'PRESCRIPTION' && entry.prescription ? (
              <Text>
                Prescription: {entry.prescription.items.map((i) => i.medication).join(', ')}{' '}
                <PrescriptionStatusBadge prescription={entry.prescription} size="sm" />
              </Text>
            ) : null}
            {entry.kind === 'ADMISSION' && entry.admission ? <HospitalStay stay={entry.admission} zone={zone} /> : null}
            {entry.kind === 'MEDICAL_RECORD' ? (
              record ? (
                <Stack gap="1">
                  <HStack gap="2" wrap="wrap">
                    <RecordTypeBadge record={record} size="sm" />
                    <Text>
                      by <DoctorName doctor={record.doctor} />
                    </Text>
                  </HStack>
                  {record.diagnoses.map((d) => (
                    <DiagnosisLine key={d.code} diagnosis={d} />
                  ))}
                  <VitalsSummary vitals={record.vitals} />
                  {record.notes ? (
                    <Text fontSize="sm" color="fg.muted">
                      {record.notes}
                    </Text>
                  ) : null}
                </Stack>
              ) : (
                <Text>Medical record</Text>
              )
            ) : null}
          </Box>
        );
      })}
    </Stack>
  );
}

/** A stay in hospital: where, why, and when it ended (or that it goes on). */
function HospitalStay({ stay, zone }: { stay: NonNullable<TimelineEntry['admission']>; zone: string }) {
  return (
    <Stack gap="1">
      <HStack gap="2" wrap="wrap">
        <Text>Hospital stay</Text>
        {stay.dischargedAt ? null : (
          <Badge colorPalette="orange" size="sm">
            In hospital
          </Badge>
        )}
      </HStack>
      <StayDetails stay={stay} formatWhen={(iso) => formatDateTime(iso, zone)} />
    </Stack>
  );
}
