import { useQuery } from '@apollo/client/react';
import { Stack, Text } from '@chakra-ui/react';
import { getFragmentData } from '../../gql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { ErrorState, LoadingList } from '../../shared/ui';
import { doctorName } from '../doctors/DoctorName';
import type { BookingDoctor } from './BookingSteps';
import { ChoiceGroup } from './ChoiceGroup';
import { BookingDoctorFragment, FirstAvailableSlotsQuery } from './operations';

/** "First available": the earliest free times across every doctor of the specialty. */
export function FirstAvailable({
  specialization,
  onPick,
}: {
  specialization: string;
  onPick: (doctor: BookingDoctor, startsAt: string) => void;
}) {
  const { data, loading, error, refetch } = useQuery(FirstAvailableSlotsQuery, {
    variables: { specialization },
    fetchPolicy: 'network-only',
  });
  if (loading && !data) {
    return <LoadingList rows={2} label="Finding the first free times…" />;
  }
  if (error) {
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  const slots = (data?.firstAvailableSlots ?? []).map((slot) => ({
    startsAt: slot.startsAt,
    doctor: getFragmentData(BookingDoctorFragment, slot.doctor),
  }));
  if (slots.length === 0) {
    return <Text color="fg.muted">No free times with any {specialization} doctor in the next month.</Text>;
  }
  const zone = viewerTimeZone();
  return (
    <Stack gap="2">
      <ChoiceGroup
        name="first-available"
        legend="First available, any doctor"
        columns={{ base: 1, md: 2 }}
        value={undefined}
        onChange={(value) => {
          const picked = slots.find((slot) => `${slot.doctor.id}|${slot.startsAt}` === value);
          if (picked) {
            onPick(picked.doctor, picked.startsAt);
          }
        }}
        choices={slots.map((slot) => ({
          value: `${slot.doctor.id}|${slot.startsAt}`,
          label: formatDateTime(slot.startsAt, zone),
          detail: doctorName(slot.doctor),
        }))}
      />
    </Stack>
  );
}
