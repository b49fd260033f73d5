import { Alert, Badge, Box, Button, Heading, HStack, List, SimpleGrid, Stack, Text, Wrap } from '@chakra-ui/react';
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import type { PatientChartQuery as PatientChartData } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { useAuth } from '../auth/AuthProvider';
import { STATUS_LABEL, STATUS_PALETTE } from '../schedule/appointment-status';
import { AmendRecordButton, DiscontinuePrescriptionButton } from './ChartItemActions';
import { EmergencyAccessDialog } from './EmergencyAccessDialog';
import { activeGrantUntil, rememberGrant } from './emergency-grants';
import { PrescriptionForm, type VisitOption } from './PrescriptionForm';
import { RecordForm } from './RecordForm';
import { linkableVisits } from './visit-options';
import { usePatientChart, useRequestEmergencyAccess } from './usePatientChart';

type ChartPatient = NonNullable<PatientChartData['patient']>;
type TimelineNode = ChartPatient['timeline']['edges'][number]['node'];

function ageFrom(dateOfBirth: string): number | null {
  const born = new Date(`${dateOfBirth}T00:00:00`);
  if (Number.isNaN(born.getTime())) {
    return null;
  }
  const now = new Date();
  let age = now.getFullYear() - born.getFullYear();
  if (now.getMonth() < born.getMonth() || (now.getMonth() === born.getMonth() && now.getDate() < born.getDate())) {
    age -= 1;
  }
  return age;
}

function formatDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00`);
  return Number.isNaN(parsed.getTime())
    ? date
    : new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(parsed);
}

/** `/doctor/patients/:patientId`: the chart of a patient under the doctor's care. */
export function PatientChartPage() {
  const { patientId = '' } = useParams();
  const [params] = useSearchParams();
  const fromAppointment = params.get('appointment') ?? undefined;
  const { user } = useAuth();
  const doctorZone = user?.doctor?.timezone;
  const { patient, loading, error, forbidden, refetch } = usePatientChart(patientId);
  const emergency = useRequestEmergencyAccess();
  const [askingAccess, setAskingAccess] = useState(false);
  const [grantUntil, setGrantUntil] = useState(() => activeGrantUntil(patientId));
  const [form, setForm] = useState<'record' | 'prescription' | null>(() =>
    params.get('form') === 'record' ? 'record' : null,
  );
  const [saved, setSaved] = useState<string | null>(null);

  const back = (
    <Button asChild variant="ghost" size="sm" alignSelf="flex-start" px="0">
      {fromAppointment ? (
        <RouterLink to="/doctor">← Schedule</RouterLink>
      ) : (
        <RouterLink to="/doctor/patients">← My patients</RouterLink>
      )}
    </Button>
  );

  if (loading) {
    return (
      <Stack gap="4">
        {back}
        <LoadingList rows={4} label="Loading the chart…" />
      </Stack>
    );
  }

  if (forbidden) {
    return (
      <Stack gap="4">
        {back}
        <Heading as="h1" size="2xl">
          Patient chart
        </Heading>
        <Alert.Root status="warning" borderRadius="l3">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>This patient is not under your care</Alert.Title>
            <Alert.Description>
              You can read a chart when the patient has an appointment with you. In an emergency you can open it for 60
              minutes; the access and your reason are recorded and shown to the patient.
            </Alert.Description>
          </Alert.Content>
        </Alert.Root>
        <Button colorPalette="red" alignSelf="flex-start" onClick={() => setAskingAccess(true)}>
          Emergency access
        </Button>
        <EmergencyAccessDialog
          open={askingAccess}
          pending={emergency.loading}
          onCancel={() => setAskingAccess(false)}
          onSubmit={async (reason) => {
            const grant = await emergency.request(patientId, reason);
            if (grant) {
              rememberGrant(patientId, grant.expiresAt);
              setGrantUntil(grant.expiresAt);
            }
            setAskingAccess(false);
            await refetch();
          }}
        />
      </Stack>
    );
  }

  if (error) {
    return (
      <Stack gap="4">
        {back}
        <ErrorState error={error} title="The chart did not load" onRetry={() => void refetch()} />
      </Stack>
    );
  }

  if (!patient) {
    return (
      <Stack gap="4">
        {back}
        <EmptyState title="Patient not found" description="This patient does not exist or is not under your care." />
      </Stack>
    );
  }

  const timeline = patient.timeline.edges.map((e) => e.node);
  const linkable = linkableVisits(
    timeline.flatMap((n) =>
      n.kind === 'APPOINTMENT' && n.appointment
        ? [
            {
              id: n.appointment.id,
              startsAt: n.appointment.startsAt,
              status: n.appointment.status,
              doctorId: n.appointment.doctor.id,
            },
          ]
        : [],
    ),
    user?.doctor?.id,
  );
  const visits: VisitOption[] = linkable.visits.map((visit) => ({
    id: visit.id,
    label: `${formatDateTime(visit.startsAt, viewerTimeZone())} · ${STATUS_LABEL[visit.status as keyof typeof STATUS_LABEL]}`,
  }));
  const defaultVisit =
    fromAppointment && visits.some((v) => v.id === fromAppointment) ? fromAppointment : linkable.defaultId;
  const age = ageFrom(patient.dateOfBirth);
  const finish = (message: string | null) => {
    setForm(null);
    setSaved(message);
  };

  return (
    <Stack gap="5">
      {back}
      <Stack gap="1">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          {patient.firstName} {patient.lastName}
        </Heading>
        <Text color="fg.muted">
          Born {formatDate(patient.dateOfBirth)}
          {age !== null ? ` (${age})` : ''}
          {patient.gender ? ` · ${patient.gender}` : ''}
          {patient.bloodGroup ? ` · Blood group ${patient.bloodGroup}` : ''}
          {patient.phone ? ` · ${patient.phone}` : ''}
        </Text>
      </Stack>

      {grantUntil ? (
        <Alert.Root status="warning" borderRadius="l3">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>Emergency access</Alert.Title>
            <Alert.Description>
              You are reading this chart under emergency access until {formatDateTime(grantUntil, viewerTimeZone())}. It
              is recorded in the audit trail.
            </Alert.Description>
          </Alert.Content>
        </Alert.Root>
      ) : null}

      {patient.allergies.length > 0 ? (
        <Alert.Root status="error" variant="solid" borderRadius="l3" aria-label="Allergies">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title fontSize="md">Allergies</Alert.Title>
            <Alert.Description fontWeight="semibold">{patient.allergies.join(', ')}</Alert.Description>
          </Alert.Content>
        </Alert.Root>
      ) : (
        <Alert.Root status="success" borderRadius="l3">
          <Alert.Indicator />
          <Alert.Title>No known allergies</Alert.Title>
        </Alert.Root>
      )}

      {saved ? (
        <Alert.Root status="success" borderRadius="l3" role="status">
          <Alert.Indicator />
          <Alert.Title>{saved}</Alert.Title>
        </Alert.Root>
      ) : null}

      <Wrap gap="3">
        <Button
          colorPalette="brand"
          aria-pressed={form === 'record'}
          onClick={() => {
            setSaved(null);
            setForm(form === 'record' ? null : 'record');
          }}
        >
          Write record
        </Button>
        <Button
          colorPalette="brand"
          variant="outline"
          aria-pressed={form === 'prescription'}
          onClick={() => {
            setSaved(null);
            setForm(form === 'prescription' ? null : 'prescription');
          }}
        >
          Issue prescription
        </Button>
      </Wrap>

      {form === 'record' ? (
        <RecordForm
          patientId={patient.id}
          visits={visits}
          defaultAppointmentId={defaultVisit}
          onDone={() => finish('The record was saved.')}
        />
      ) : null}
      {form === 'prescription' ? (
        <PrescriptionForm
          patientId={patient.id}
          visits={visits}
          defaultAppointmentId={defaultVisit}
          onDone={() => finish('The prescription was issued.')}
        />
      ) : null}

      <SimpleGrid columns={{ base: 1, md: 2, lg: 3 }} gap="3">
        <InfoCard title="Chronic conditions" items={patient.chronicConditions} empty="None recorded" />
        <InfoCard
          title="Current medications"
          items={[
            ...activeMedications(timeline),
            ...patient.currentMedications.map((medication) => `${medication} (reported by the patient)`),
          ]}
          empty="None recorded"
        />
        <InfoCard
          title="Surgeries"
          items={patient.surgeries.map((s) => (s.date ? `${s.procedure} (${formatDate(s.date)})` : s.procedure))}
          empty="None recorded"
        />
        <InfoCard
          title="Family history"
          items={patient.familyHistory.map((f) => `${f.relation}: ${f.condition}`)}
          empty="None recorded"
        />
        <InfoCard
          title="Emergency contacts"
          items={patient.emergencyContacts.map((c) => `${c.name} (${c.relationship})${c.phone ? ` · ${c.phone}` : ''}`)}
          empty="None recorded"
        />
      </SimpleGrid>

      <Stack gap="3" as="section" aria-labelledby="timeline-heading">
        <Heading as="h2" size="lg" id="timeline-heading">
          Timeline
        </Heading>
        {timeline.length === 0 ? (
          <EmptyState title="Nothing in the chart yet" description="Visits, records and prescriptions appear here." />
        ) : (
          <Stack as="ol" gap="2" listStyleType="none">
            {timeline.map((node) => (
              <li key={`${node.kind}-${node.id}`}>
                <TimelineItem
                  node={node}
                  doctorZone={doctorZone}
                  patientId={patient.id}
                  canWrite={Boolean(user?.doctor)}
                />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}

function InfoCard({ title, items, empty }: { title: string; items: string[]; empty: string }) {
  return (
    <Box borderWidth="1px" borderRadius="l3" bg="bg" p="4">
      <Heading as="h2" size="sm" mb="2">
        {title}
      </Heading>
      {items.length === 0 ? (
        <Text color="fg.muted" fontSize="sm">
          {empty}
        </Text>
      ) : (
        <List.Root ps="4" gap="1" fontSize="sm">
          {items.map((item, index) => (
            <List.Item key={index}>{item}</List.Item>
          ))}
        </List.Root>
      )}
    </Box>
  );
}

const RECORD_LABEL: Record<string, string> = {
  CONSULTATION: 'Consultation',
  LAB_RESULT: 'Lab result',
  IMAGING: 'Imaging',
  PROCEDURE: 'Procedure',
  VACCINATION: 'Vaccination',
};

/** Active prescriptions' items: what the patient takes now, by the chart's own prescriptions. */
function activeMedications(timeline: readonly TimelineNode[]): string[] {
  return timeline.flatMap((node) =>
    node.kind === 'PRESCRIPTION' && node.prescription?.status === 'ACTIVE'
      ? node.prescription.items.map(
          (item) => `${item.medication} ${item.dosage}, ${item.frequency} (Dr ${node.prescription!.doctor.lastName})`,
        )
      : [],
  );
}

const drName = (doctor: { firstName: string; lastName: string }) => `Dr ${doctor.firstName} ${doctor.lastName}`;

/** "By Dr A · visit with Dr B": who wrote an entry, and whose visit it belongs to. */
function authorship(
  author: { id: string; firstName: string; lastName: string },
  visitDoctor: { id: string; firstName: string; lastName: string } | null | undefined,
): string {
  const by = `By ${drName(author)}`;
  if (!visitDoctor) {
    return `${by} · not linked to a visit`;
  }
  return visitDoctor.id === author.id ? `${by} · at their visit` : `${by} · visit with ${drName(visitDoctor)}`;
}

function TimelineItem({
  node,
  doctorZone,
  patientId,
  canWrite,
}: {
  node: TimelineNode;
  doctorZone?: string | undefined;
  patientId: string;
  canWrite: boolean;
}) {
  const when = formatDateTime(node.at, viewerTimeZone(), doctorZone);
  let badge: ReactNode;
  let body: ReactNode;
  let byline: string | null = null;
  let actions: ReactNode = null;
  if (node.kind === 'APPOINTMENT' && node.appointment) {
    badge = (
      <Badge colorPalette={STATUS_PALETTE[node.appointment.status]}>
        Visit · {STATUS_LABEL[node.appointment.status]}
      </Badge>
    );
    body = node.appointment.reason ? <Text fontSize="sm">{node.appointment.reason}</Text> : null;
    byline = `With ${drName(node.appointment.doctor)}`;
  } else if (node.kind === 'PRESCRIPTION' && node.prescription) {
    badge = <Badge colorPalette="teal">Prescription · {node.prescription.status.toLowerCase()}</Badge>;
    byline = authorship(node.prescription.doctor, node.prescription.appointment?.doctor);
    actions =
      canWrite && node.prescription.status === 'ACTIVE' ? (
        <DiscontinuePrescriptionButton prescriptionId={node.prescription.id} patientId={patientId} />
      ) : null;
    body = (
      <Stack gap="0" fontSize="sm">
        {node.prescription.items.map((item, index) => (
          <Text key={index}>
            <Text as="span" fontWeight="semibold">
              {item.medication}
            </Text>{' '}
            {item.dosage}, {item.frequency}, {item.durationDays} days
          </Text>
        ))}
        {node.prescription.notes ? <Text color="fg.muted">{node.prescription.notes}</Text> : null}
      </Stack>
    );
  } else if (node.kind === 'MEDICAL_RECORD' && node.medicalRecord) {
    const record = node.medicalRecord;
    const v = record.vitals;
    const vitals = v
      ? [
          v.systolic !== null && v.diastolic !== null ? `BP ${v.systolic}/${v.diastolic}` : null,
          v.heartRate !== null ? `HR ${v.heartRate}` : null,
          v.temperatureC !== null ? `${v.temperatureC} °C` : null,
          v.respiratoryRate !== null ? `RR ${v.respiratoryRate}` : null,
          v.oxygenSaturation !== null ? `SpO₂ ${v.oxygenSaturation}%` : null,
          v.weightKg !== null ? `${v.weightKg} kg` : null,
        ].filter(Boolean)
      : [];
    badge = (
      <Badge colorPalette="purple">
        Record · {RECORD_LABEL[record.type] ?? record.type}
        {record.version > 1 ? ` · amended (v${record.version})` : ''}
      </Badge>
    );
    byline = authorship(record.doctor, record.appointment?.doctor);
    actions = canWrite ? <AmendRecordButton recordId={record.id} patientId={patientId} notes={record.notes} /> : null;
    body = (
      <Stack gap="1" fontSize="sm">
        {record.diagnoses.map((d) => (
          <Text key={d.code}>
            <Text as="span" fontWeight="semibold" fontFamily="mono">
              {d.code}
            </Text>{' '}
            {d.description}
          </Text>
        ))}
        {record.symptoms.length > 0 ? <Text color="fg.muted">Symptoms: {record.symptoms.join(', ')}</Text> : null}
        {vitals.length > 0 ? <Text color="fg.muted">{vitals.join(' · ')}</Text> : null}
        {record.notes ? <Text whiteSpace="pre-wrap">{record.notes}</Text> : null}
        {record.followUpDate ? <Text color="fg.muted">Follow-up {formatDate(record.followUpDate)}</Text> : null}
      </Stack>
    );
  }
  return (
    <Box borderWidth="1px" borderRadius="l2" bg="bg" p="3">
      <HStack justify="space-between" wrap="wrap" gap="2" mb={body ? '2' : '0'}>
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
