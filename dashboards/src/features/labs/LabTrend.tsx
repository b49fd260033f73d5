import { useQuery } from '@apollo/client/react';
import { Box, Heading, Stack, Text } from '@chakra-ui/react';
import { useMemo, useState } from 'react';
import { getFragmentData, type FragmentType } from '../../gql';
import { SelectField } from '../../shared/ui';
import { LineChart } from '../my-health/VitalsChart';
import { displayUnit, referenceRange } from './LabFlag';
import { LabResultRowFragment, LabSeriesQuery } from './operations';

interface TrendPoint {
  readonly at: Date;
  readonly value: number;
}

interface Trend {
  readonly name: string;
  readonly unit: string;
  readonly low: number | undefined;
  readonly high: number | undefined;
  readonly points: TrendPoint[];
}

type ResultRef = FragmentType<typeof LabResultRowFragment>;

/** Every numeric result among `orders` by test, oldest first, the tests with most results first. */
export function trendsOf(orders: readonly { readonly results: readonly ResultRef[] }[]): [string, Trend][] {
  const byCode = new Map<string, Trend>();
  for (const order of orders) {
    for (const ref of order.results) {
      const result = getFragmentData(LabResultRowFragment, ref);
      const value = Number(result.value);
      if (!result.unit || !Number.isFinite(value)) {
        continue;
      }
      const trend = byCode.get(result.code) ?? {
        name: result.name,
        unit: result.unit,
        low: result.referenceLow ?? undefined,
        high: result.referenceHigh ?? undefined,
        points: [],
      };
      trend.points.push({ at: new Date(result.resultedAt), value });
      byCode.set(result.code, trend);
    }
  }
  for (const trend of byCode.values()) {
    trend.points.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
  return [...byCode.entries()].sort((a, b) => b[1].points.length - a[1].points.length);
}

/**
 * One test of a patient's over time: the tests to choose from are those with a numeric result
 * among the orders shown (`orders`), and the chosen one's whole history (its last 60 orders) is
 * read for the chart — not only the page of orders loaded. Nothing when no test has `minPoints`
 * results among `orders`.
 */
export function LabTrend({
  patientId,
  orders,
  resultLabel,
  minPoints = 1,
  level = 'h3',
}: {
  patientId: string;
  orders: readonly { readonly results: readonly ResultRef[] }[];
  /** The line's name in the legend: "Your result" to the patient. */
  resultLabel: string;
  minPoints?: number;
  /** Its heading's level where it stands: a section of the patient's page, or under the chart's "Lab tests". */
  level?: 'h2' | 'h3';
}) {
  const shown = useMemo(() => trendsOf(orders), [orders]);
  const [chosen, setChosen] = useState('');
  const code = chosen || shown[0]?.[0] || '';
  const series = useQuery(LabSeriesQuery, { variables: { patientId, code }, skip: !code });
  const history = useMemo(
    () => (series.data?.patient ? trendsOf(series.data.patient.labOrders.edges.map((edge) => edge.node)) : []),
    [series.data],
  );
  // The chosen test's whole history once read; until then what the orders shown have of it.
  const trend =
    history.find(([found]) => found === code)?.[1] ?? shown.find(([found]) => found === code)?.[1] ?? undefined;
  if (!trend || (shown[0]?.[1].points.length ?? 0) < minPoints) {
    return null;
  }
  const total = series.data?.patient?.labOrders.totalCount;
  return (
    <Stack as="section" gap="3" aria-labelledby={`lab-trend-${patientId}`}>
      <Heading as={level} size={level === 'h2' ? 'lg' : 'md'} id={`lab-trend-${patientId}`}>
        Over time
      </Heading>
      <Box maxW="sm">
        <SelectField
          label="Test"
          value={code}
          onChange={setChosen}
          options={shown.map(([value, entry]) => ({ value, label: entry.name }))}
        />
      </Box>
      <Box maxW="3xl">
        <LineChart
          title={trend.name}
          unit={displayUnit(trend.unit)}
          dates={trend.points.map((point) => point.at)}
          series={[{ label: resultLabel, color: '#2c7fb8', values: trend.points.map((point) => point.value) }]}
          band={{ label: 'Normal range', low: trend.low, high: trend.high }}
        />
      </Box>
      <Text fontSize="sm" color="fg.muted">
        Normal range: {referenceRange(trend.low, trend.high, trend.unit) || 'not set'}.
        {total !== undefined && total > trend.points.length ? ` The latest ${trend.points.length} of ${total}.` : ''}
      </Text>
    </Stack>
  );
}
