import { getFragmentData, type FragmentType } from '../../gql';
import { AvailabilityEditor } from './AvailabilityEditor';
import type { HoursManager } from './manager';
import { DoctorHoursFragment } from './operations';
import { TimeOffSection } from './TimeOffSection';

/** A doctor's weekly hours and time off, each changed in place, as an administrator or the doctor manages them. */
export function DoctorHours({
  doctor,
  manager,
}: {
  doctor: FragmentType<typeof DoctorHoursFragment>;
  manager: HoursManager;
}) {
  const hours = getFragmentData(DoctorHoursFragment, doctor);
  return (
    <>
      <AvailabilityEditor
        key={hours.id}
        doctorId={hours.id}
        timezone={hours.timezone}
        rules={hours.availability}
        outside={hours.appointmentsOutsideAvailability}
        manager={manager}
      />
      <TimeOffSection doctorId={hours.id} timezone={hours.timezone} timeOff={hours.timeOff} manager={manager} />
    </>
  );
}
