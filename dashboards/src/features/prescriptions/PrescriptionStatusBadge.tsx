import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { PrescriptionStatus } from '../../gql/graphql';
import { LabelBadge, type LabelBadgeProps } from '../../shared/ui';

/** The one wording and colour of each prescription status. */
export const PRESCRIPTION_STATUS: Readonly<Record<PrescriptionStatus, Pick<LabelBadgeProps, 'label' | 'palette'>>> = {
  ACTIVE: { label: 'Active', palette: 'green' },
  COMPLETED: { label: 'Completed', palette: 'gray' },
  DISCONTINUED: { label: 'Discontinued', palette: 'red' },
};

export const PrescriptionStatusBadgeFragment = graphql(`
  fragment PrescriptionStatusBadge on Prescription {
    status
  }
`);

/** A prescription's status as a badge; `prefix` reads e.g. "Prescription · Active". */
export function PrescriptionStatusBadge({
  prescription,
  ...look
}: { prescription: FragmentType<typeof PrescriptionStatusBadgeFragment> } & Pick<LabelBadgeProps, 'prefix' | 'size'>) {
  const { status } = getFragmentData(PrescriptionStatusBadgeFragment, prescription);
  return <LabelBadge {...PRESCRIPTION_STATUS[status]} {...look} />;
}
