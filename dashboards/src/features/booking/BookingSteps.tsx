import { useQuery } from '@apollo/client/react';
import { Alert, Box, Button, chakra, Stack, Text } from '@chakra-ui/react';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { doctorName } from '../doctors/DoctorName';
import { ChoiceGroup } from './ChoiceGroup';
import { DoctorStep } from './DoctorStep';
import { BookingDoctorsQuery } from './operations';
import { SlotPicker, useAvailableSlots } from './SlotPicker';

/** The doctors who take bookings, with their specialty, fee and next free time. */
export function useBookingDoctors() {
  const { data, loading, error, refetch } = useQuery(BookingDoctorsQuery);
  const doctors = useMemo(() => data?.doctors.edges.map((e) => e.node) ?? [], [data]);
  return { doctors, loading: loading && !data, error, refetch };
}

export type BookingDoctor = ReturnType<typeof useBookingDoctors>['doctors'][number];

/**
 * The choices of a booking, the patient's and the front desk's alike: specialty → doctor → day →
 * time. Each choice clears the ones after it; `onChange` runs on every choice the user makes
 * (to clear an error shown for the earlier one).
 */
export function useBookingSteps({ onChange }: { onChange?: () => void } = {}) {
  const doctorsQuery = useBookingDoctors();
  const [specialization, setSpecialization] = useState<string>();
  const [doctorId, setDoctorId] = useState<string>();
  const [day, setDay] = useState<string>();
  const [slot, setSlot] = useState<string>();
  const slots = useAvailableSlots(doctorId);

  const { doctors } = doctorsQuery;
  const specializations = useMemo(
    () => [...new Set(doctors.map((d) => d.specialization))].sort((a, b) => a.localeCompare(b)),
    [doctors],
  );
  return {
    ...doctorsQuery,
    specializations,
    specialization,
    doctor: doctors.find((d) => d.id === doctorId),
    day,
    slot,
    slots,
    chooseSpecialization: (value: string) => {
      setSpecialization(value);
      setDoctorId(undefined);
      setDay(undefined);
      setSlot(undefined);
      onChange?.();
    },
    /** A doctor, with the time when "first available" picked one. */
    chooseDoctor: (picked: string, startsAt?: string) => {
      setDoctorId(picked);
      setDay(undefined);
      setSlot(startsAt);
      onChange?.();
    },
    chooseDay: (value: string) => {
      setDay(value);
      setSlot(undefined);
      onChange?.();
    },
    chooseSlot: (value: string) => {
      setSlot(value);
      onChange?.();
    },
    /** The chosen time was booked by someone else meanwhile: offer the times afresh. */
    slotTaken: () => {
      setSlot(undefined);
      void slots.refetch();
    },
  };
}

export type BookingStepsState = ReturnType<typeof useBookingSteps>;

/**
 * The specialty, doctor and time steps, numbered from `first`, then the form that books the
 * chosen time (its fields are `children`). `problem` shows in the form, or above it while no time
 * is chosen. On a phone each new step is below the fold: it is scrolled into view as it appears.
 */
export function BookingSteps({
  steps,
  first,
  showFee = false,
  noDoctorsHint,
  belowTimes,
  confirmTitle,
  problem,
  submitting,
  onSubmit,
  children,
}: {
  steps: BookingStepsState;
  first: number;
  showFee?: boolean;
  noDoctorsHint?: string;
  /** Shown under the times of the chosen doctor (e.g. "join the waiting list"). */
  belowTimes?: (doctor: BookingDoctor) => ReactNode;
  confirmTitle: string;
  problem: string | undefined;
  submitting: boolean;
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  const { doctor, specialization, slot } = steps;
  const doctorStep = useRef<HTMLDivElement>(null);
  const timeStep = useRef<HTMLDivElement>(null);
  const confirmStep = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const target = slot ? confirmStep.current : doctor ? timeStep.current : specialization ? doctorStep.current : null;
    target?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [specialization, doctor, slot]);
  return (
    <>
      {steps.loading ? (
        <LoadingList label="Loading doctors…" />
      ) : steps.error ? (
        <ErrorState error={steps.error} onRetry={() => void steps.refetch()} />
      ) : steps.specializations.length === 0 ? (
        <EmptyState title="No doctors take bookings yet" description={noDoctorsHint} />
      ) : (
        <ChoiceGroup
          name="specialization"
          legend={`${first}. Choose a specialty`}
          value={specialization}
          onChange={steps.chooseSpecialization}
          choices={steps.specializations.map((s) => ({ value: s, label: s }))}
        />
      )}

      {specialization ? (
        <Stack gap="4" ref={doctorStep} scrollMarginTop="4">
          <DoctorStep
            legend={`${first + 1}. Choose a doctor`}
            specialization={specialization}
            doctors={steps.doctors}
            doctorId={doctor?.id}
            showFee={showFee}
            onChoose={steps.chooseDoctor}
          />
        </Stack>
      ) : null}

      {doctor ? (
        <Box ref={timeStep} scrollMarginTop="4">
          <Text fontWeight="semibold" fontSize="lg" mb="3" as="h2">
            {first + 2}. Choose a day and time
          </Text>
          <SlotPicker
            doctorId={doctor.id}
            doctorTimezone={doctor.timezone}
            day={steps.day}
            onDayChange={steps.chooseDay}
            slot={steps.slot}
            onSlotChange={steps.chooseSlot}
            slots={steps.slots}
          />
          {belowTimes ? <Box mt="6">{belowTimes(doctor)}</Box> : null}
        </Box>
      ) : null}

      {problem && !slot ? <ProblemAlert problem={problem} /> : null}

      {doctor && slot ? (
        <chakra.form
          ref={confirmStep}
          scrollMarginTop="4"
          display="flex"
          flexDirection="column"
          gap="4"
          onSubmit={onSubmit}
          noValidate
          maxW="xl"
          aria-label="Confirm the booking"
        >
          <Text fontWeight="semibold" fontSize="lg" as="h2">
            {first + 3}. {confirmTitle}
          </Text>
          <Text data-testid="booking-summary">
            {doctorName(doctor)}, {formatDateTime(slot, viewerTimeZone(), doctor.timezone)}
          </Text>
          {children}
          {problem ? <ProblemAlert problem={problem} /> : null}
          <Button type="submit" colorPalette="brand" loading={submitting} alignSelf="flex-start">
            Book appointment
          </Button>
        </chakra.form>
      ) : null}
    </>
  );
}

function ProblemAlert({ problem }: { problem: string }) {
  return (
    <Alert.Root status="error" borderRadius="l3">
      <Alert.Indicator />
      <Alert.Title>{problem}</Alert.Title>
    </Alert.Root>
  );
}
