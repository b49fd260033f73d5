import type { AppointmentType } from '../gql/graphql';
import { LabelBadge, type LabelBadgeProps } from './ui';

/** What each kind of visit is called, wherever one is shown or chosen. */
export const APPOINTMENT_TYPE_LABEL: Readonly<Record<AppointmentType, string>> = {
  REGULAR: 'Regular visit',
  FOLLOW_UP: 'Follow-up',
  EMERGENCY: 'Emergency',
};

/** The kind of visit as a badge; nothing for a regular visit (most are). */
export function AppointmentTypeBadge({ type, size }: { type: AppointmentType } & Pick<LabelBadgeProps, 'size'>) {
  return type === 'REGULAR' ? null : (
    <LabelBadge label={APPOINTMENT_TYPE_LABEL[type]} palette={type === 'EMERGENCY' ? 'red' : 'gray'} size={size} />
  );
}
