import { Stack, Text } from '@chakra-ui/react';
import { getFragmentData, graphql, type FragmentType } from '../../gql';

export const StayDetailsFragment = graphql(`
  fragment StayDetails on Admission {
    dischargedAt
    reason
    movedToId
    bed {
      ward
      label
      department {
        name
        hospital {
          name
        }
      }
    }
  }
`);

/**
 * Where a hospital stay is (department, hospital, ward and bed), why, and when it ended — by
 * discharge, or by a move to another bed (the stay there is listed on its own).
 */
export function StayDetails({
  stay,
  formatWhen,
}: {
  stay: FragmentType<typeof StayDetailsFragment>;
  /** A date and time as the page shows them (its time zone). */
  formatWhen: (iso: string) => string;
}) {
  const { bed, reason, dischargedAt, movedToId } = getFragmentData(StayDetailsFragment, stay);
  return (
    <Stack gap="0" fontSize="sm">
      <Text>
        {bed.department.name}, {bed.department.hospital.name} · {bed.ward} · bed {bed.label}
      </Text>
      {reason ? <Text>{reason}</Text> : null}
      {dischargedAt ? (
        <Text color="fg.muted">
          {movedToId ? 'Moved to another bed' : 'Discharged'} {formatWhen(dischargedAt)}
        </Text>
      ) : null}
    </Stack>
  );
}
