import { Text } from '@chakra-ui/react';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatVitals } from './vitals-format';

export const VitalsSummaryFragment = graphql(`
  fragment VitalsSummary on Vitals {
    systolic
    diastolic
    heartRate
    temperatureC
    respiratoryRate
    oxygenSaturation
    weightKg
    heightCm
  }
`);

/** A record's vitals on one line ("BP 120/80 mmHg · HR 72 bpm · …"); nothing when none were taken. */
export function VitalsSummary({ vitals }: { vitals: FragmentType<typeof VitalsSummaryFragment> | null | undefined }) {
  const readings = formatVitals(getFragmentData(VitalsSummaryFragment, vitals) ?? {});
  return readings.length > 0 ? (
    <Text fontSize="sm" color="fg.muted">
      {readings.join(' · ')}
    </Text>
  ) : null;
}
