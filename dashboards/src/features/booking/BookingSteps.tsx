import { useQuery } from '@apollo/client/react';
import { Alert, Box, Button, chakra, Stack, Text } from '@chakra-ui/react';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { getFragmentData } from '../../gql';
import type { BookingDoctorFragment } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { useDebounced } from '../../shared/useDebounced';
import { useLoadMore } from '../../shared/useLoadMore';
import { doctorName } from '../doctors/DoctorName';
import { ChoiceGroup } from './ChoiceGroup';
import { DoctorStep, isShortened } from './DoctorStep';
import {
  BOOKING_DOCTORS_PAGE,
  BookingDoctorFragment as BookingDoctorDoc,
  BookingDoctorsQuery,
  BookingSpecializationsQuery,
} from './operations';
import { SlotPicker, useAvailableSlots, type BusyTimes } from './SlotPicker';

export type BookingDoctor = BookingDoctorFragment;

/**
 * The specialties to book in, by name: those of the clinic's managed list that have a doctor who
 * takes bookings (a specialty nobody practises yet would lead to an empty list of doctors).
 */
export function useBookingSpecializations() {
  const { data, loading, error, refetch } = useQuery(BookingSpecializationsQuery);
  const specializations = useMemo(
    () => (data?.specializations ?? []).filter((s) => s.doctorCount > 0).sort((a, b) => a.name.localeCompare(b.name)),
    [data],
  );
  return { specializations, loading: loading && !data, error, refetch };
}

/**
 * A specialty's doctors who take bookings, with their fee and next free time: a page at a time
 * ("Load more"), narrowed by name with `search`, and how many there are in all.
 */
export function useSpecialtyDoctors(specialization: string | undefined, search: string) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(BookingDoctorsQuery, {
    variables: { specialization: specialization ?? '', search: search.trim() || null, first: BOOKING_DOCTORS_PAGE },
    skip: !specialization,
  });
  const more = useLoadMore(data?.doctors.pageInfo, fetchMore, networkStatus);
  const doctors = useMemo(
    () => (data?.doctors.edges ?? []).map((edge) => getFragmentData(BookingDoctorDoc, edge.node)),
    [data],
  );
  return {
    doctors,
    /** Doctors per page: with more than this, a name search is offered. */
    pageSize: BOOKING_DOCTORS_PAGE,
    totalCount: data?.doctors.totalCount,
    hasNextPage: data?.doctors.pageInfo.hasNextPage,
    more,
    loading: loading && !data,
    error,
    refetch,
  };
}

export type SpecialtyDoctors = ReturnType<typeof useSpecialtyDoctors>;

/**
 * The choices of a booking, the patient's and the front desk's alike: specialty → doctor → day →
 * time. Each choice clears the ones after it; `onChange` runs on every choice the user makes
 * (to clear an error shown for the earlier one).
 */
export function useBookingSteps({
  onChange,
  busy,
}: {
  onChange?: () => void;
  /** The patient's own appointments: times overlapping them are not offered. */
  busy?: BusyTimes;
} = {}) {
  const specialties = useBookingSpecializations();
  const [specialization, setSpecialization] = useState<string>();
  const [doctorSearch, setDoctorSearch] = useState('');
  const doctors = useSpecialtyDoctors(specialization, useDebounced(doctorSearch));
  const [doctor, setDoctor] = useState<BookingDoctor>();
  const [day, setDay] = useState<string>();
  const [slot, setSlot] = useState<string>();
  const slots = useAvailableSlots(doctor?.id, busy);

  return {
    ...specialties,
    doctors,
    doctorSearch,
    searchDoctors: setDoctorSearch,
    specialization,
    doctor,
    day,
    slot,
    slots,
    chooseSpecialization: (value: string) => {
      setSpecialization(value);
      setDoctorSearch('');
      setDoctor(undefined);
      setDay(undefined);
      setSlot(undefined);
      onChange?.();
    },
    /** A doctor, with the time when "first available" picked one. */
    chooseDoctor: (picked: BookingDoctor, startsAt?: string) => {
      setDoctor(picked);
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
          // Short names, many of them: two a row on a phone, so the doctors are not a long scroll away.
          columns={{ base: 2, md: 3 }}
          value={specialization}
          onChange={steps.chooseSpecialization}
          choices={steps.specializations.map((s) => ({
            value: s.name,
            label: s.name,
            detail: s.doctorCount === 1 ? '1 doctor' : `${s.doctorCount} doctors`,
          }))}
        />
      )}

      {specialization ? (
        <Stack gap="4" ref={doctorStep} scrollMarginTop="4">
          <DoctorStep
            legend={`${first + 1}. Choose a doctor`}
            specialization={specialization}
            doctors={steps.doctors}
            search={steps.doctorSearch}
            onSearch={steps.searchDoctors}
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
          <AboutDoctor doctor={doctor} />
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

/** The chosen doctor's whole introduction, when the choice showed only its start. */
function AboutDoctor({ doctor }: { doctor: BookingDoctor }) {
  if (!doctor.bio || !isShortened(doctor.bio)) {
    return null;
  }
  return (
    <chakra.details mb="4" fontSize="sm">
      <chakra.summary cursor="pointer" color="brand.fg" fontWeight="medium" width="fit-content">
        More about {doctorName(doctor)}
      </chakra.summary>
      <Text mt="2" whiteSpace="pre-line" maxW="prose">
        {doctor.bio.trim()}
      </Text>
    </chakra.details>
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
