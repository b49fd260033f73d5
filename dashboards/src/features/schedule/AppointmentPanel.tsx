import { Alert, Button, CloseButton, Dialog, Field, Portal, Stack, Text, Textarea, Wrap } from '@chakra-ui/react';
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog } from '../../shared/ui';
import type { ScheduleAppointmentFragment } from '../../gql/graphql';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { RescheduleDialog } from '../booking/RescheduleDialog';
import { useAuth } from '../auth/AuthProvider';
import { allowedActions, type ScheduleAction } from './appointment-actions';
import { useScheduleActions } from './useDoctorSchedule';
import { AppointmentTypeBadge } from '../../shared/appointment-type';

const ACTION_LABEL: Record<Exclude<ScheduleAction, 'cancel'>, string> = {
  confirm: 'Confirm',
  checkIn: 'Check in',
  complete: 'Complete',
  noShow: 'Mark no-show',
};

/** The detail panel of one appointment, with the actions its status allows. */
export function AppointmentPanel({
  appointment,
  doctorTimeZone,
  onClose,
}: {
  appointment: ScheduleAppointmentFragment | null;
  doctorTimeZone: string | undefined;
  onClose: () => void;
}) {
  const actions = useScheduleActions();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const [moving, setMoving] = useState(false);
  const { user } = useAuth();
  const doctor = user?.doctor;

  const close = () => {
    setError(null);
    onClose();
  };

  const run = async (action: ScheduleAction) => {
    if (!appointment) {
      return;
    }
    setError(null);
    try {
      if (action === 'cancel') {
        await actions.cancel(appointment.id, cancelReason.trim());
        setCancelOpen(false);
        setCancelReason('');
      } else {
        await actions[action](appointment.id);
        if (action === 'complete') {
          // The visit is done: on to its note.
          await navigate(`/doctor/patients/${appointment.patient.id}?appointment=${appointment.id}&form=record`);
        }
      }
    } catch (caught) {
      setError(caught);
      setCancelOpen(false);
    }
  };

  const open = appointment !== null;
  const available = appointment ? allowedActions(appointment.status, appointment.startsAt) : [];
  const patientName = appointment ? `${appointment.patient.firstName} ${appointment.patient.lastName}` : '';

  return (
    <>
      <Dialog.Root
        open={open && !cancelOpen}
        onOpenChange={(details) => {
          // Handing over to the cancel dialog hides this one without closing the appointment;
          // the reschedule dialog opens above it.
          if (!details.open && !actions.pending && !cancelOpen && !moving) {
            close();
          }
        }}
        placement="center"
        size={{ mdDown: 'full', md: 'md' }}
      >
        <Portal>
          <Dialog.Backdrop />
          <Dialog.Positioner>
            <Dialog.Content>
              {appointment ? (
                <>
                  <Dialog.Header>
                    <Dialog.Title>{patientName}</Dialog.Title>
                  </Dialog.Header>
                  <Dialog.Body>
                    <Stack gap="3">
                      <Text>{formatDateTime(appointment.startsAt, viewerTimeZone(), doctorTimeZone)}</Text>
                      <Wrap gap="2">
                        <AppointmentStatusBadge appointment={appointment} size="md" />
                        <AppointmentTypeBadge type={appointment.type} size="md" />
                      </Wrap>
                      {appointment.reason ? (
                        <Text>
                          <Text as="span" fontWeight="medium">
                            Reason:{' '}
                          </Text>
                          {appointment.reason}
                        </Text>
                      ) : null}
                      {appointment.cancellationReason ? (
                        <Text color="fg.muted">Cancelled because: {appointment.cancellationReason}</Text>
                      ) : null}
                      {error ? (
                        <Alert.Root status="error" role="alert">
                          <Alert.Indicator />
                          <Alert.Content>
                            <Alert.Description>{actionErrorMessage(error)}</Alert.Description>
                          </Alert.Content>
                        </Alert.Root>
                      ) : null}
                      <Wrap gap="2">
                        {available
                          .filter((action): action is Exclude<ScheduleAction, 'cancel'> => action !== 'cancel')
                          .map((action) => (
                            <Button
                              key={action}
                              colorPalette={action === 'noShow' ? 'red' : 'brand'}
                              variant={action === 'confirm' || action === 'checkIn' ? 'solid' : 'outline'}
                              loading={actions.pending}
                              onClick={() => void run(action)}
                            >
                              {ACTION_LABEL[action]}
                            </Button>
                          ))}
                        {available.includes('cancel') && doctor ? (
                          <Button variant="outline" disabled={actions.pending} onClick={() => setMoving(true)}>
                            Reschedule
                          </Button>
                        ) : null}
                        {available.includes('cancel') ? (
                          <Button
                            variant="outline"
                            colorPalette="red"
                            disabled={actions.pending}
                            onClick={() => setCancelOpen(true)}
                          >
                            Cancel appointment
                          </Button>
                        ) : null}
                      </Wrap>
                    </Stack>
                  </Dialog.Body>
                  <Dialog.Footer>
                    <Button asChild variant="ghost">
                      <RouterLink
                        to={`/doctor/patients/${appointment.patient.id}?appointment=${encodeURIComponent(appointment.id)}`}
                      >
                        Open chart
                      </RouterLink>
                    </Button>
                    <Button variant="outline" onClick={close}>
                      Close
                    </Button>
                  </Dialog.Footer>
                  <Dialog.CloseTrigger asChild>
                    <CloseButton size="sm" aria-label="Close" />
                  </Dialog.CloseTrigger>
                </>
              ) : null}
            </Dialog.Content>
          </Dialog.Positioner>
        </Portal>
      </Dialog.Root>
      {moving && appointment && doctor ? (
        <RescheduleDialog
          appointment={{ id: appointment.id, startsAt: appointment.startsAt, doctor }}
          reschedule={actions.reschedule}
          loading={actions.pending}
          onClose={() => setMoving(false)}
        />
      ) : null}
      <ConfirmDialog
        open={cancelOpen}
        title="Cancel this appointment?"
        description={`${patientName} will be told the appointment is cancelled.`}
        confirmLabel="Cancel appointment"
        cancelLabel="Keep it"
        pending={actions.pending}
        onConfirm={() => void run('cancel')}
        onCancel={() => setCancelOpen(false)}
      >
        <Field.Root mt="4">
          <Field.Label>Reason (optional)</Field.Label>
          <Textarea value={cancelReason} onChange={(event) => setCancelReason(event.target.value)} maxLength={500} />
        </Field.Root>
      </ConfirmDialog>
    </>
  );
}

function actionErrorMessage(error: unknown): string {
  return plainMessage(error) || 'That did not work. Please try again.';
}
