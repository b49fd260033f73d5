import { Alert, Button, Stack } from '@chakra-ui/react';
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { appointmentStatusLabel } from '../appointments/appointment-status';
import { useAuth } from '../auth/AuthProvider';
import { PatientSummary } from '../patients/PatientSummary';
import { ChartActions } from './ChartActions';
import { ChartForbidden } from './ChartForbidden';
import { AllergiesAlert, ChartHistory } from './ChartHistory';
import { ChartTimeline, type ChartTimelineNode } from './ChartTimeline';
import { activeGrantUntil } from './emergency-grants';
import type { VisitOption } from './PrescriptionForm';
import { usePatientChart } from './usePatientChart';

/** The visits a record or prescription can be attached to; the one the doctor came from first. */
function visitOptions(timeline: readonly ChartTimelineNode[], fromAppointment?: string): VisitOption[] {
  const visits = timeline.flatMap((n) =>
    n.kind === 'APPOINTMENT' && n.appointment
      ? [
          {
            id: n.appointment.id,
            label: `${formatDateTime(n.appointment.startsAt, viewerTimeZone())} · ${appointmentStatusLabel(n.appointment.status)}`,
          },
        ]
      : [],
  );
  if (fromAppointment && !visits.some((v) => v.id === fromAppointment)) {
    visits.unshift({ id: fromAppointment, label: 'The visit you came from' });
  }
  return visits;
}

/** `/doctor/patients/:patientId`: the chart of a patient under the doctor's care. */
export function PatientChartPage() {
  const { patientId = '' } = useParams();
  const [params] = useSearchParams();
  const fromAppointment = params.get('appointment') ?? undefined;
  const { user } = useAuth();
  const { patient, loading, error, forbidden, refetch } = usePatientChart(patientId);
  const [grantUntil, setGrantUntil] = useState(() => activeGrantUntil(patientId));

  const page = (content: ReactNode, gap = '4') => (
    <Stack gap={gap}>
      <Button asChild variant="ghost" size="sm" alignSelf="flex-start" px="0">
        {fromAppointment ? (
          <RouterLink to="/doctor">← Schedule</RouterLink>
        ) : (
          <RouterLink to="/doctor/patients">← My patients</RouterLink>
        )}
      </Button>
      {content}
    </Stack>
  );

  if (loading) {
    return page(<LoadingList rows={4} label="Loading the chart…" />);
  }
  if (forbidden) {
    return page(
      <ChartForbidden
        patientId={patientId}
        onGranted={async (expiresAt) => {
          if (expiresAt) {
            setGrantUntil(expiresAt);
          }
          await refetch();
        }}
      />,
    );
  }
  if (error) {
    return page(<ErrorState error={error} title="The chart did not load" onRetry={() => void refetch()} />);
  }
  if (!patient) {
    return page(
      <EmptyState title="Patient not found" description="This patient does not exist or is not under your care." />,
    );
  }

  const timeline = patient.timeline.edges.map((e) => e.node);
  return page(
    <>
      <PatientSummary patient={patient} />
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
      <AllergiesAlert allergies={patient.allergies} />
      <ChartActions
        patientId={patient.id}
        visits={visitOptions(timeline, fromAppointment)}
        defaultAppointmentId={fromAppointment}
      />
      <ChartHistory patient={patient} />
      <ChartTimeline nodes={timeline} doctorZone={user?.doctor?.timezone} />
    </>,
    '5',
  );
}
