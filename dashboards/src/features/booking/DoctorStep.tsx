import { Button } from '@chakra-ui/react';
import { useState } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { doctorName } from '../doctors/DoctorName';
import type { BookingDoctor } from './BookingSteps';
import { ChoiceGroup } from './ChoiceGroup';
import { FirstAvailable } from './FirstAvailable';

const fee = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

/**
 * The "choose a doctor" step of a booking, the patient's and the front desk's alike: a specialty's
 * doctors with their next free time, or the first free time across all of them. `onChoose` gets the
 * doctor, and the time when "first available" picked one.
 */
export function DoctorStep({
  legend,
  specialization,
  doctors,
  doctorId,
  showFee = false,
  onChoose,
}: {
  legend: string;
  specialization: string;
  doctors: readonly BookingDoctor[];
  doctorId: string | undefined;
  showFee?: boolean;
  onChoose: (doctorId: string, startsAt?: string) => void;
}) {
  const [firstAvailable, setFirstAvailable] = useState(false);
  const viewerZone = viewerTimeZone();
  return (
    <>
      <ChoiceGroup
        name="doctor"
        legend={legend}
        columns={{ base: 1, md: 2 }}
        value={doctorId}
        onChange={(value) => onChoose(value)}
        choices={doctors
          .filter((d) => d.specialization === specialization)
          .map((d) => ({
            value: d.id,
            label: doctorName(d),
            detail: (
              <>
                {showFee && typeof d.consultationFee === 'number' ? `Fee ${fee.format(d.consultationFee)} · ` : ''}
                {d.nextAvailableSlot
                  ? `Next free: ${formatDateTime(d.nextAvailableSlot.startsAt, viewerZone, d.timezone)}`
                  : 'No free times in the next month'}
              </>
            ),
          }))}
      />
      <Button
        size="sm"
        variant={firstAvailable ? 'solid' : 'outline'}
        alignSelf="flex-start"
        // A long specialty name wraps on a phone instead of running off the screen.
        whiteSpace="normal"
        height="auto"
        minH="8"
        py="1.5"
        textAlign="start"
        aria-pressed={firstAvailable}
        onClick={() => setFirstAvailable(!firstAvailable)}
      >
        First available, any {specialization} doctor
      </Button>
      {firstAvailable ? (
        <FirstAvailable
          specialization={specialization}
          doctorName={(id) => {
            const found = doctors.find((candidate) => candidate.id === id);
            return found ? doctorName(found) : '';
          }}
          onPick={onChoose}
        />
      ) : null}
    </>
  );
}
