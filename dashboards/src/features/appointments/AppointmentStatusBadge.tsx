import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { LabelBadge, type LabelBadgeProps } from '../../shared/ui';
import { APPOINTMENT_STATUS } from './appointment-status';

export const AppointmentStatusBadgeFragment = graphql(`
  fragment AppointmentStatusBadge on Appointment {
    status
  }
`);

/** An appointment's status as a coloured badge; `prefix` reads e.g. "Visit · Confirmed". */
export function AppointmentStatusBadge({
  appointment,
  ...look
}: { appointment: FragmentType<typeof AppointmentStatusBadgeFragment> } & Pick<LabelBadgeProps, 'prefix' | 'size'>) {
  const { status } = getFragmentData(AppointmentStatusBadgeFragment, appointment);
  return <LabelBadge {...APPOINTMENT_STATUS[status]} {...look} testId="appointment-status" />;
}
