import { useMutation, useQuery } from '@apollo/client/react';
import { Field, Heading, Stack, Text, Textarea } from '@chakra-ui/react';
import { useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';

import { doctorName } from '../doctors/DoctorName';
import { errorCode, errorReason, fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { getFragmentData } from '../../gql';
import { holdsTheTime } from '../appointments/appointment-status';
import { PatientAppointmentFields } from './AppointmentCard';
import { BookingSteps, useBookingSteps } from './BookingSteps';
import type { BusyTimes } from './SlotPicker';
import { BookAppointmentMutation, MyAppointmentsQuery } from './operations';
import { HoldNotice } from '../waitlist/HoldNotice';
import { JoinWaitlist } from '../waitlist/JoinWaitlist';
import { useSlotHold } from '../waitlist/useSlotHold';

export const REASON_MAX = 500;

export function validateReason(reason: string): string | undefined {
  if (!reason.trim()) {
    return 'Tell the doctor briefly why you are coming.';
  }
  if (reason.length > REASON_MAX) {
    return `Keep the reason under ${REASON_MAX} characters.`;
  }
  return undefined;
}

export function useBookAppointment() {
  const [mutate, { loading }] = useMutation(BookAppointmentMutation, {
    refetchQueries: [MyAppointmentsQuery],
  });
  return {
    book: (input: { doctorId: string; startsAt: string; reason: string; holdId?: string }) =>
      mutate({ variables: { input } }),
    loading,
  };
}

/** `/patient/book`: specialization → doctor → day → time → reason. */
export function BookingPage() {
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reasonError, setReasonError] = useState<string>();
  const [submitError, setSubmitError] = useState<string>();
  const { book, loading: booking } = useBookAppointment();
  // The patient's own active appointments: a time they already have is not offered again (nor
  // any before they are known; if they cannot be read, the server still refuses a double booking).
  const mine = useQuery(MyAppointmentsQuery);
  const busy = useMemo<BusyTimes>(
    () =>
      mine.error
        ? []
        : !mine.data
          ? 'loading'
          : (mine.data.me.patient?.appointments.edges ?? [])
              .map((edge) => getFragmentData(PatientAppointmentFields, edge.node))
              .filter((appointment) => holdsTheTime(appointment.status)),
    [mine.data, mine.error],
  );
  const steps = useBookingSteps({ onChange: () => setSubmitError(undefined), busy });
  const { doctor, slot } = steps;
  // The picked time is held while the form is filled in; a new pick or leaving lets it go.
  const hold = useSlotHold(doctor?.id, slot);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitError(undefined);
    const problem = validateReason(reason);
    setReasonError(problem);
    if (problem) {
      reasonRef.current?.focus();
      return;
    }
    if (!doctor || !slot) {
      setSubmitError('Choose a day and a time first.');
      return;
    }
    try {
      await book({
        doctorId: doctor.id,
        startsAt: slot,
        reason: reason.trim(),
        holdId: hold.kind === 'held' ? hold.hold.id : undefined,
      });
      void navigate('/patient', { state: { booked: true } });
    } catch (bookError) {
      const fields = fieldErrors(bookError);
      if (fields.reason) {
        setReasonError(fields.reason);
      }
      if (errorReason(bookError) === 'PATIENT_BUSY') {
        setSubmitError('You already have an appointment at this time. Please choose another one.');
      } else if (errorCode(bookError) === 'CONFLICT') {
        setSubmitError('Sorry, someone has just booked this time. Please choose another one.');
        steps.slotTaken();
      } else {
        setSubmitError(plainMessage(bookError));
      }
    }
  };

  return (
    <Stack gap="8">
      <Stack gap="1">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Book an appointment
        </Heading>
        <Text color="fg.muted">Choose a specialty, a doctor and a free time.</Text>
      </Stack>

      <BookingSteps
        steps={steps}
        first={1}
        showFee
        noDoctorsHint="Please call the clinic."
        belowTimes={(chosen) => (
          <JoinWaitlist doctorId={chosen.id} doctorLabel={doctorName(chosen)} specialization={chosen.specialization} />
        )}
        confirmTitle="Confirm"
        problem={submitError}
        submitting={booking}
        onSubmit={(e) => void onSubmit(e)}
      >
        <HoldNotice state={hold} />
        <Field.Root required invalid={Boolean(reasonError)}>
          <Field.Label>
            Reason for the visit <Field.RequiredIndicator />
          </Field.Label>
          <Textarea
            ref={reasonRef}
            value={reason}
            maxLength={REASON_MAX + 50}
            rows={3}
            onChange={(e) => setReason(e.target.value)}
          />
          {reasonError ? (
            <Field.ErrorText>{reasonError}</Field.ErrorText>
          ) : (
            <Field.HelperText>
              {reason.length}/{REASON_MAX} characters
            </Field.HelperText>
          )}
        </Field.Root>
      </BookingSteps>
    </Stack>
  );
}
