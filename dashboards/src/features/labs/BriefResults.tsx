import { HStack, Text, Wrap } from '@chakra-ui/react';
import { getFragmentData, type FragmentType } from '../../gql';
import { displayUnit, LabFlag } from './LabFlag';
import { LabResultRowFragment } from './operations';

/** A test's everyday name: "Hemoglobin A1c" of "Hemoglobin A1c/Hemoglobin.total in Blood". */
const shortTestName = (name: string) => name.split(/[[/]/)[0]!.trim() || name;

/** An order's results on one line: each test's short name, value and unit, and its flag. */
export function BriefResults({ results }: { results: readonly FragmentType<typeof LabResultRowFragment>[] }) {
  return (
    <Wrap gap="3" fontSize="sm">
      {results.map((ref) => {
        const result = getFragmentData(LabResultRowFragment, ref);
        return (
          <HStack key={result.code} gap="1.5">
            <Text>
              {shortTestName(result.name)}{' '}
              <Text as="span" fontWeight="semibold">
                {result.value}
                {result.unit ? ` ${displayUnit(result.unit)}` : ''}
              </Text>
            </Text>
            {result.interpretation && result.interpretation !== 'NORMAL' ? (
              <LabFlag interpretation={result.interpretation} />
            ) : null}
          </HStack>
        );
      })}
    </Wrap>
  );
}
