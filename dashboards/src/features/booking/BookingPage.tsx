import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Box, Button, chakra, Field, Heading, Stack, Text, Textarea } from '@chakra-ui/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { doctorName } from '../doctors/DoctorName';
import { errorCode, fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { ChoiceGroup } from './ChoiceGroup';
import { DoctorStep } from './DoctorStep';
import { BookAppointmentMutation, BookingDoctorsQuery, MyAppointmentsQuery } from './operations';
import { SlotPicker, useAvailableSlots } from './SlotPicker';
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

export function useBookingDoctors() {
  const { data, loading, error, refetch } = useQuery(BookingDoctorsQuery);
  const doctors = useMemo(() => data?.doctors.edges.map((e) => e.node) ?? [], [data]);
  return { doctors, loading: loading && !data, error, refetch };
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
  const { doctors, loading, error, refetch } = useBookingDoctors();
  const [specialization, setSpecialization] = useState<string>();
  const [doctorId, setDoctorId] = useState<string>();
  const [day, setDay] = useState<string>();
  const [slot, setSlot] = useState<string>();
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reasonError, setReasonError] = useState<string>();
  const [submitError, setSubmitError] = useState<string>();
  const { book, loading: booking } = useBookAppointment();
  const slots = useAvailableSlots(doctorId);
  // The picked time is held while the form is filled in; a new pick or leaving lets it go.
  const hold = useSlotHold(doctorId, slot);
  // On a phone each new step is below the fold: bring it into view as it appears.
  const doctorStep = useRef<HTMLDivElement>(null);
  const timeStep = useRef<HTMLDivElement>(null);
  const confirmStep = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const target = slot
      ? confirmStep.current
      : doctorId
        ? timeStep.current
        : specialization
          ? doctorStep.current
          : null;
    target?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [specialization, doctorId, slot]);

  const specializations = useMemo(
    () => [...new Set(doctors.map((d) => d.specialization))].sort((a, b) => a.localeCompare(b)),
    [doctors],
  );
  const doctor = doctors.find((d) => d.id === doctorId);
  const viewerZone = viewerTimeZone();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitError(undefined);
    const problem = validateReason(reason);
    setReasonError(problem);
    if (problem) {
      reasonRef.current?.focus();
      return;
    }
    if (!doctorId || !slot) {
      setSubmitError('Choose a day and a time first.');
      return;
    }
    try {
      await book({
        doctorId,
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
      if (errorCode(bookError) === 'CONFLICT') {
        setSubmitError('Sorry, someone has just booked this time. Please choose another one.');
        setSlot(undefined);
        void slots.refetch();
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

      {loading ? (
        <LoadingList label="Loading doctors…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : specializations.length === 0 ? (
        <EmptyState title="No doctors take bookings yet" description="Please call the clinic." />
      ) : (
        <ChoiceGroup
          name="specialization"
          legend="1. Choose a specialty"
          value={specialization}
          onChange={(value) => {
            setSpecialization(value);
            setDoctorId(undefined);
            setDay(undefined);
            setSlot(undefined);
          }}
          choices={specializations.map((s) => ({ value: s, label: s }))}
        />
      )}

      {specialization ? (
        <Stack gap="4" ref={doctorStep} scrollMarginTop="4">
          <DoctorStep
            legend="2. Choose a doctor"
            specialization={specialization}
            doctors={doctors}
            doctorId={doctorId}
            showFee
            onChoose={(picked, startsAt) => {
              setDoctorId(picked);
              setDay(undefined);
              setSlot(startsAt);
              setSubmitError(undefined);
            }}
          />
        </Stack>
      ) : null}

      {doctor ? (
        <Box ref={timeStep} scrollMarginTop="4">
          <Text fontWeight="semibold" fontSize="lg" mb="3" as="h2">
            3. Choose a day and time
          </Text>
          <SlotPicker
            doctorId={doctor.id}
            doctorTimezone={doctor.timezone}
            day={day}
            onDayChange={(value) => {
              setDay(value);
              setSlot(undefined);
            }}
            slot={slot}
            onSlotChange={setSlot}
            slots={slots}
          />
          <Box mt="6">
            <JoinWaitlist
              doctorId={doctor.id}
              doctorLabel={doctorName(doctor)}
              specialization={doctor.specialization}
            />
          </Box>
        </Box>
      ) : null}

      {submitError && !slot ? (
        <Alert.Root status="error" borderRadius="l3">
          <Alert.Indicator />
          <Alert.Title>{submitError}</Alert.Title>
        </Alert.Root>
      ) : null}

      {doctor && slot ? (
        <chakra.form
          ref={confirmStep}
          scrollMarginTop="4"
          display="flex"
          flexDirection="column"
          gap="4"
          onSubmit={(e) => void onSubmit(e)}
          noValidate
          maxW="xl"
        >
          <Text fontWeight="semibold" fontSize="lg" as="h2">
            4. Confirm
          </Text>
          <Text>
            {doctorName(doctor)}, {formatDateTime(slot, viewerZone, doctor.timezone)}
          </Text>
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
          {submitError ? (
            <Alert.Root status="error" borderRadius="l3">
              <Alert.Indicator />
              <Alert.Title>{submitError}</Alert.Title>
            </Alert.Root>
          ) : null}
          <Button type="submit" colorPalette="brand" loading={booking} alignSelf="flex-start">
            Book appointment
          </Button>
        </chakra.form>
      ) : null}
    </Stack>
  );
}
