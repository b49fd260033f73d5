import { Badge } from '@chakra-ui/react';
import type { AppointmentStatus } from '../../gql/graphql';

const LOOK: Record<AppointmentStatus, { label: string; palette: string }> = {
  REQUESTED: { label: 'Requested', palette: 'orange' },
  CONFIRMED: { label: 'Confirmed', palette: 'green' },
  CHECKED_IN: { label: 'Checked in', palette: 'blue' },
  COMPLETED: { label: 'Completed', palette: 'gray' },
  CANCELLED: { label: 'Cancelled', palette: 'red' },
  NO_SHOW: { label: 'No-show', palette: 'purple' },
};

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const look = LOOK[status];
  return (
    <Badge colorPalette={look.palette} variant="subtle">
      {look.label}
    </Badge>
  );
}
