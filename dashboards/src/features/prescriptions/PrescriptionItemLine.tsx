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

/** One medication as the prescription form's fields (text, as typed). */
export interface ItemDraft {
  medication: string;
  dosage: string;
  frequency: string;
  durationDays: string;
  instructions: string;
}

/** An issued medication as the prescription form's fields: to issue it again (a repeat). */
export function itemDraftOf(item: FragmentType<typeof PrescriptionItemLineFragment>): ItemDraft {
  const { medication, dosage, frequency, durationDays, instructions } = getFragmentData(
    PrescriptionItemLineFragment,
    item,
  );
  return { medication, dosage, frequency, durationDays: String(durationDays), instructions: instructions ?? '' };
}

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
