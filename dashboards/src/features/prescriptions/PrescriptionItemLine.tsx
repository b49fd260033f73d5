import { Box, Text } from '@chakra-ui/react';
import { getFragmentData, graphql, type FragmentType } from '../../gql';

export const PrescriptionItemLineFragment = graphql(`
  fragment PrescriptionItemLine on PrescriptionItem {
    medication
    dosage
    frequency
    durationDays
    instructions
  }
`);

/** One medication of a prescription: what, how much, how often, how long, and any instructions. */
export function PrescriptionItemLine({ item }: { item: FragmentType<typeof PrescriptionItemLineFragment> }) {
  const { medication, dosage, frequency, durationDays, instructions } = getFragmentData(
    PrescriptionItemLineFragment,
    item,
  );
  return (
    <Box borderStartWidth="3px" borderColor="brand.muted" ps="3">
      <Text fontWeight="medium">
        {medication} — {dosage}
      </Text>
      <Text fontSize="sm" color="fg.muted">
        {frequency}, for {durationDays} day{durationDays === 1 ? '' : 's'}
        {instructions ? `. ${instructions}` : ''}
      </Text>
    </Box>
  );
}
