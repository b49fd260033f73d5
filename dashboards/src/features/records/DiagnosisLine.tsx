import { Text } from '@chakra-ui/react';
import { getFragmentData, graphql, type FragmentType } from '../../gql';

export const DiagnosisLineFragment = graphql(`
  fragment DiagnosisLine on Diagnosis {
    code
    description
  }
`);

/** One diagnosis: its ICD-10 code (monospace) and its description. */
export function DiagnosisLine({ diagnosis }: { diagnosis: FragmentType<typeof DiagnosisLineFragment> }) {
  const { code, description } = getFragmentData(DiagnosisLineFragment, diagnosis);
  return (
    <Text fontSize="sm">
      <Text as="span" fontWeight="semibold" fontFamily="mono">
        {code}
      </Text>{' '}
      {description}
    </Text>
  );
}
