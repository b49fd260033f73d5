import { Box, Button, Flex, HStack, Stack, Text } from '@chakra-ui/react';
import { useId } from 'react';
import { graphql } from '../../gql';
import type { PatientAppointmentFieldsFragment } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { AppointmentStatusBadge } from '../appointments/AppointmentStatusBadge';
import { PRODUCT_NAME } from '../../shared/product';
import { DoctorName, doctorName } from '../doctors/DoctorName';
import { downloadIcs } from './ics';

export const PatientAppointmentFields = graphql(`
  fragment PatientAppointmentFields on Appointment {
    id
    startsAt
    endsAt
    status
    ...AppointmentStatusBadge
    reason
    cancellationReason
    doctor {
      id
      firstName
      lastName
      ...DoctorName
      specialization
      timezone
    }
  }
`);

export type PatientAppointment = PatientAppointmentFieldsFragment;

/** Patients may cancel or move an appointment until the doctor has seen them. */
export function isChangeable(appointment: Pick<PatientAppointment, 'status'>): boolean {
  return appointment.status === 'REQUESTED' || appointment.status === 'CONFIRMED';
}

/** One of the patient's appointments: when, with whom, why, its status, and what they may do. */
export function AppointmentCard({
  appointment,
  onCancel,
  onReschedule,
}: {
  appointment: PatientAppointment;
  onCancel?: () => void;
  onReschedule?: () => void;
}) {
  const { doctor } = appointment;
  const when = formatDateTime(appointment.startsAt, viewerTimeZone(), doctor.timezone);
  // Every card has the same buttons: each is described by its card's time and doctor.
  const whenId = useId();
  const whoId = useId();
  const describedBy = `${whenId} ${whoId}`;
  return (
    <Box
      as="li"
      listStyleType="none"
      borderWidth="1px"
      borderRadius="l3"
      bg="bg"
      p="4"
      aria-label={`${when} with ${doctorName(doctor)}`}
    >
      <Flex gap="3" justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap="0.5" minW="0">
          <Text id={whenId} fontWeight="semibold">
            {when}
          </Text>
          <Text id={whoId}>
            <DoctorName doctor={doctor} /> ·{' '}
            <Text as="span" color="fg.muted">
              {doctor.specialization}
            </Text>
          </Text>
          {appointment.reason ? (
            <Text fontSize="sm" color="fg.muted" lineClamp={2}>
              {appointment.reason}
            </Text>
          ) : null}
          {appointment.cancellationReason ? (
            <Text fontSize="sm" color="fg.muted">
              Cancelled: {appointment.cancellationReason}
            </Text>
          ) : null}
        </Stack>
        <AppointmentStatusBadge appointment={appointment} />
      </Flex>
      {onCancel || onReschedule ? (
        <HStack mt="3" gap="2" wrap="wrap">
          <Button
            size="sm"
            variant="ghost"
            aria-describedby={describedBy}
            onClick={() =>
              downloadIcs(
                {
                  id: appointment.id,
                  startsAt: appointment.startsAt,
                  endsAt: appointment.endsAt,
                  doctorName: doctorName(appointment.doctor),
                  specialization: appointment.doctor.specialization,
                },
                PRODUCT_NAME,
              )
            }
          >
            Add to calendar (.ics)
          </Button>
          {onReschedule ? (
            <Button size="sm" variant="outline" aria-describedby={describedBy} onClick={onReschedule}>
              Reschedule
            </Button>
          ) : null}
          {onCancel ? (
            <Button size="sm" variant="outline" colorPalette="red" aria-describedby={describedBy} onClick={onCancel}>
              Cancel appointment
            </Button>
          ) : null}
        </HStack>
      ) : null}
    </Box>
  );
}
