import { Badge, Box, Button, Heading, HStack, Stack, Text } from '@chakra-ui/react';
import { useId, useState, type ReactNode } from 'react';
import type { PatientChartQuery } from '../../gql/graphql';
import { formatCalendarDate, formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState } from '../../shared/ui';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { PrescriptionItemLine } from '../prescriptions/PrescriptionItemLine';
import { PrescriptionStatusBadge } from '../prescriptions/PrescriptionStatusBadge';
import { DiagnosisLine } from '../records/DiagnosisLine';
import { RecordTypeBadge } from '../records/RecordTypeBadge';
import { VitalsSummary } from '../records/VitalsSummary';
import { doctorName } from '../doctors/DoctorName';
import { StayDetails } from '../organisation/StayDetails';
import { AmendRecordButton, DiscontinuePrescriptionButton } from './ChartItemActions';
import { splitTimeline } from './timeline-split';

export type ChartTimelineNode = NonNullable<PatientChartQuery['patient']>['timeline']['edges'][number]['node'];
export type TimelinePrescription = NonNullable<ChartTimelineNode['prescription']>;

/**
 * The chart's visits, records, prescriptions and hospital stays: the visits still to come, soonest
 * first, then what happened, newest first ({@link splitTimeline}).
 */
export function ChartTimeline({
  nodes,
  doctorZone,
  patientId,
  canWrite = false,
  onRepeat,
}: {
  nodes: readonly ChartTimelineNode[];
  doctorZone?: string | undefined;
  patientId: string;
  canWrite?: boolean;
  /** "Repeat" on a prescription: issue its medications again (the chart opens its form with them). */
  onRepeat?: ((prescription: TimelinePrescription) => void) | undefined;
}) {
  const [now] = useState(() => Date.now());
  const { upcoming, history } = splitTimeline(nodes, now);
  const item = (node: ChartTimelineNode) => (
    <li key={`${node.kind}-${node.id}`}>
      <TimelineItem node={node} doctorZone={doctorZone} patientId={patientId} canWrite={canWrite} onRepeat={onRepeat} />
    </li>
  );
  return (
    <>
      {upcoming.length > 0 ? (
        <Stack gap="3" as="section" aria-labelledby="upcoming-heading">
          <Heading as="h2" size="lg" id="upcoming-heading">
            Upcoming
          </Heading>
          <Stack as="ol" gap="2" listStyleType="none">
            {upcoming.map(item)}
          </Stack>
        </Stack>
      ) : null}
      <Stack gap="3" as="section" aria-labelledby="timeline-heading">
        <Heading as="h2" size="lg" id="timeline-heading">
          Timeline
        </Heading>
        {history.length === 0 ? (
          <EmptyState
            title={upcoming.length > 0 ? 'No history yet' : 'Nothing in the chart yet'}
            description="Visits, records and prescriptions appear here."
          />
        ) : (
          <Stack as="ol" gap="2" listStyleType="none">
            {history.map(item)}
          </Stack>
        )}
      </Stack>
    </>
  );
}

/** "By Dr A · visit with Dr B": who wrote an entry, and whose visit it belongs to. */
function authorship(
  author: { id: string; firstName: string; lastName: string },
  visitDoctor: { id: string; firstName: string; lastName: string } | null | undefined,
): string {
  const by = `By ${doctorName(author)}`;
  if (!visitDoctor) {
    return `${by} · not linked to a visit`;
  }
  return visitDoctor.id === author.id ? `${by} · at their visit` : `${by} · visit with ${doctorName(visitDoctor)}`;
}

function TimelineItem({
  node,
  doctorZone,
  patientId,
  canWrite,
  onRepeat,
}: {
  node: ChartTimelineNode;
  doctorZone?: string | undefined;
  patientId: string;
  canWrite: boolean;
  onRepeat?: ((prescription: TimelinePrescription) => void) | undefined;
}) {
  const when = formatDateTime(node.at, viewerTimeZone(), doctorZone);
  // What the item is and when: describes its buttons (every record has an "Amend").
  const headId = useId();
  let badge: ReactNode;
  let body: ReactNode;
  let byline: string | null = null;
  let actions: ReactNode = null;
  if (node.kind === 'APPOINTMENT' && node.appointment) {
    badge = <AppointmentStatusBadge appointment={node.appointment} prefix="Visit" />;
    body = node.appointment.reason ? <Text fontSize="sm">{node.appointment.reason}</Text> : null;
    byline = `With ${doctorName(node.appointment.doctor)}`;
  } else if (node.kind === 'PRESCRIPTION' && node.prescription) {
    badge = <PrescriptionStatusBadge prescription={node.prescription} prefix="Prescription" />;
    byline = authorship(node.prescription.doctor, node.prescription.appointment?.doctor);
    const prescription = node.prescription;
    actions = canWrite ? (
      <HStack gap="2">
        {onRepeat && prescription.status !== 'DISCONTINUED' ? (
          <Button size="xs" variant="outline" aria-describedby={headId} onClick={() => onRepeat(prescription)}>
            Repeat
          </Button>
        ) : null}
        {prescription.status === 'ACTIVE' ? (
          <DiscontinuePrescriptionButton prescriptionId={prescription.id} patientId={patientId} describedBy={headId} />
        ) : null}
      </HStack>
    ) : null;
    body = (
      <Stack gap="1" fontSize="sm">
        {node.prescription.items.map((item, index) => (
          <PrescriptionItemLine key={index} item={item} />
        ))}
        {node.prescription.notes ? <Text color="fg.muted">{node.prescription.notes}</Text> : null}
      </Stack>
    );
  } else if (node.kind === 'MEDICAL_RECORD' && node.medicalRecord) {
    const record = node.medicalRecord;
    badge = (
      <RecordTypeBadge
        record={record}
        prefix={record.version > 1 ? `Record (amended, v${record.version})` : 'Record'}
      />
    );
    byline = authorship(record.doctor, record.appointment?.doctor);
    actions = canWrite ? (
      <AmendRecordButton recordId={record.id} patientId={patientId} notes={record.notes} describedBy={headId} />
    ) : null;
    body = (
      <Stack gap="1" fontSize="sm">
        {record.diagnoses.map((d) => (
          <DiagnosisLine key={d.code} diagnosis={d} />
        ))}
        {record.symptoms.length > 0 ? <Text color="fg.muted">Symptoms: {record.symptoms.join(', ')}</Text> : null}
        <VitalsSummary vitals={record.vitals} />
        {record.notes ? <Text whiteSpace="pre-wrap">{record.notes}</Text> : null}
        {record.followUpDate ? <Text color="fg.muted">Follow-up {formatCalendarDate(record.followUpDate)}</Text> : null}
      </Stack>
    );
  } else if (node.kind === 'ADMISSION' && node.admission) {
    const stay = node.admission;
    badge = <Badge colorPalette="orange">Hospital stay{stay.dischargedAt ? '' : ' · in hospital'}</Badge>;
    body = <StayDetails stay={stay} formatWhen={(iso) => formatDateTime(iso, viewerTimeZone(), doctorZone)} />;
  }
  return (
    <Box borderWidth="1px" borderRadius="l2" bg="bg" p="3">
      <HStack id={headId} justify="space-between" wrap="wrap" gap="2" mb={body ? '2' : '0'}>
        {badge}
        <Text fontSize="sm" color="fg.muted">
          {when}
        </Text>
      </HStack>
      {byline ? (
        <Text fontSize="xs" color="fg.muted" mb="1">
          {byline}
        </Text>
      ) : null}
      {body}
      {actions ? (
        <HStack mt="2" gap="2">
          {actions}
        </HStack>
      ) : null}
    </Box>
  );
}
