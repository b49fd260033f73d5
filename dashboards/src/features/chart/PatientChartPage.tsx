import { Alert, Button, Stack } from '@chakra-ui/react';
import { useEffect, useState, type ReactNode } from 'react';
import { Link as RouterLink, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { appointmentStatusLabel } from '../appointments/appointment-status';
import { useAuth } from '../auth/AuthProvider';
import { PatientSummary } from '../patients/PatientSummary';
import { LabOrdersPanel } from '../labs/LabOrdersPanel';
import { LoadMore } from '../../shared/ui/LoadMore';
import { ChartActions } from './ChartActions';
import { ChartForbidden } from './ChartForbidden';
import { AllergiesAlert, ChartHistory } from './ChartHistory';
import { HistoryChangesSection } from './HistoryChanges';
import { ChartTimeline, type ChartTimelineNode } from './ChartTimeline';
import { currentMedications } from './current-medications';
import { linkableVisits } from './visit-options';
import type { AppointmentStatus } from '../../gql/graphql';
import { activeGrantUntil } from './emergency-grants';
import type { VisitOption } from './PrescriptionForm';
import { itemDraftOf, type ItemDraft } from '../prescriptions/PrescriptionItemLine';
import { usePatientChart } from './usePatientChart';
import type { RepeatToIssue } from '../prescriptions/RepeatRequests';

/**
 * The visits a record or prescription can be attached to, as the API allows: this doctor's own,
 * neither cancelled nor missed; the default is the one the doctor came from, else today's, else
 * the latest.
 */
function visitOptions(
  timeline: readonly ChartTimelineNode[],
  doctorId: string | undefined,
  fromAppointment?: string,
): { visits: VisitOption[]; defaultId: string | undefined } {
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
    doctorId,
  );
  const visits = linkable.visits.map((visit) => ({
    id: visit.id,
    label: `${formatDateTime(visit.startsAt, viewerTimeZone())} · ${appointmentStatusLabel(visit.status as AppointmentStatus)}`,
  }));
  const defaultId =
    fromAppointment && visits.some((v) => v.id === fromAppointment) ? fromAppointment : linkable.defaultId;
  return { visits, defaultId };
}

/** `/doctor/patients/:patientId`: the chart of a patient under the doctor's care. */
export function PatientChartPage() {
  const { patientId = '' } = useParams();
  const [params] = useSearchParams();
  const fromAppointment = params.get('appointment') ?? undefined;
  const { user } = useAuth();
  const { patient, loading, error, forbidden, refetch, moreTimeline } = usePatientChart(patientId);
  const [grantUntil, setGrantUntil] = useState(() => activeGrantUntil(patientId));
  // "Issue repeat" on a patient's request (Today page): the form opens with its medications, answering it.
  const location = useLocation();
  const navigate = useNavigate();
  const asked = (location.state as { repeatRequest?: RepeatToIssue } | null)?.repeatRequest;
  // Taken once: a reload, or coming back to this entry, does not answer the request again.
  const [fromToday] = useState(() => asked !== undefined);
  useEffect(() => {
    if (asked) {
      void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
    }
  }, [asked, location.pathname, location.search, navigate]);
  // "Repeat" on a prescription: the prescription form opens afresh with its medications.
  const [repeat, setRepeat] = useState<{
    key: number;
    items: ItemDraft[];
    request?: RepeatToIssue;
    prescriptionId?: string;
  } | null>(() => (asked ? { key: 1, items: [...asked.items], request: asked } : null));

  const page = (content: ReactNode, gap = '4') => (
    <Stack gap={gap}>
      <Button asChild variant="ghost" size="sm" alignSelf="flex-start" px="0">
        {fromAppointment ? (
          <RouterLink to="/doctor">← Schedule</RouterLink>
        ) : fromToday ? (
          <RouterLink to="/doctor/today">← Today</RouterLink>
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
  const visits = visitOptions(timeline, user?.doctor?.id, fromAppointment);
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
        key={repeat?.key ?? 0}
        patientId={patient.id}
        history={patient}
        visits={visits.visits}
        defaultAppointmentId={visits.defaultId}
        initialForm={repeat ? 'prescription' : params.get('form') === 'record' ? 'record' : null}
        initialItems={repeat?.items}
        repeatOf={repeat?.prescriptionId}
        repeatRequest={repeat?.request}
      />
      <ChartHistory
        patient={patient}
        medications={currentMedications(
          patient.activePrescriptions.edges.map((e) => e.node),
          patient.currentMedications,
          patient.activePrescriptions.totalCount - patient.activePrescriptions.edges.length,
        )}
      />
      <HistoryChangesSection patientId={patient.id} reader="doctor" />
      <LabOrdersPanel
        patientId={patient.id}
        doctorId={user?.doctor?.id}
        visits={visits.visits}
        defaultAppointmentId={visits.defaultId}
      />
      <ChartTimeline
        nodes={timeline}
        doctorZone={user?.doctor?.timezone}
        patientId={patient.id}
        canWrite={Boolean(user?.doctor)}
        onRepeat={(prescription) =>
          setRepeat((current) => ({
            key: (current?.key ?? 0) + 1,
            items: prescription.items.map(itemDraftOf),
            prescriptionId: prescription.id,
          }))
        }
      />
      {timeline.length > 0 ? (
        <LoadMore
          count={timeline.length}
          total={patient.timeline.totalCount}
          noun="timeline item"
          hasNextPage={patient.timeline.pageInfo.hasNextPage}
          more={moreTimeline}
        />
      ) : null}
    </>,
    '5',
  );
}
