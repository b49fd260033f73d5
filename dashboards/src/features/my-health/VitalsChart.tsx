import { Box, chakra, HStack, Table, Text } from '@chakra-ui/react';

export interface Series {
  readonly label: string;
  readonly color: string;
  readonly values: readonly (number | null | undefined)[];
}

const WIDTH = 600;
const HEIGHT = 180;
const PAD = { top: 12, right: 12, bottom: 26, left: 40 };

const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** A range to shade behind the lines (a lab test's normal range); an open end reaches the chart's edge. */
export interface Band {
  readonly label: string;
  readonly low?: number | null | undefined;
  readonly high?: number | null | undefined;
}

const BAND_COLOR = '#2f9e44';

/**
 * A small line chart drawn in SVG (no chart library): one line per series over shared dates, and
 * a shaded band if given. The SVG carries a text summary for screen readers; the exact values are
 * in the table below it.
 */
export function LineChart({
  title,
  unit,
  dates,
  series,
  band,
}: {
  title: string;
  unit: string;
  dates: readonly Date[];
  series: readonly Series[];
  band?: Band | undefined;
}) {
  const first = dates[0];
  const last = dates[dates.length - 1];
  const points = series.flatMap((s) => s.values.filter((v): v is number => typeof v === 'number'));
  if (points.length === 0 || !first || !last) {
    return null;
  }
  const bandLow = typeof band?.low === 'number' ? band.low : undefined;
  const bandHigh = typeof band?.high === 'number' ? band.high : undefined;
  // The band's ends are on the scale too, so a result is seen against the whole range.
  const scaled = [...points, ...[bandLow, bandHigh].filter((v): v is number => v !== undefined)];
  let min = Math.min(...scaled);
  let max = Math.max(...scaled);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const span = max - min;
  min = Math.floor(min - span * 0.1);
  max = Math.ceil(max + span * 0.1);
  // The axis's dates with their years when they span years (or are not this year's).
  const thisYear = new Date().getFullYear();
  const axisDate = first.getFullYear() === thisYear && last.getFullYear() === thisYear ? shortDate : longDate;
  const t0 = first.getTime();
  const t1 = last.getTime();
  const x = (date: Date) =>
    t1 === t0
      ? (PAD.left + WIDTH - PAD.right) / 2
      : PAD.left + ((date.getTime() - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - (value - min) / (max - min)) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = [min, Math.round((min + max) / 2), max];
  const latest = series
    .map((s) => {
      const last = [...s.values].reverse().find((v) => typeof v === 'number');
      return typeof last !== 'number' ? null : `${s.label} ${last} ${unit}`;
    })
    .filter(Boolean)
    .join(', ');
  const bandText =
    bandLow !== undefined && bandHigh !== undefined
      ? `${bandLow}–${bandHigh} ${unit}`
      : bandLow !== undefined
        ? `at least ${bandLow} ${unit}`
        : bandHigh !== undefined
          ? `at most ${bandHigh} ${unit}`
          : undefined;
  const summary = `${title} from ${axisDate.format(first)} to ${axisDate.format(last)}; latest: ${latest}${
    band && bandText ? `; ${band.label.toLowerCase()} ${bandText}` : ''
  }.`;

  return (
    <Box as="figure" m="0" borderWidth="1px" borderRadius="l3" bg="bg" p="4">
      <HStack justify="space-between" wrap="wrap" mb="2">
        <Text as="figcaption" fontWeight="semibold">
          {title}{' '}
          <chakra.span color="fg.muted" fontWeight="normal">
            ({unit})
          </chakra.span>
        </Text>
        <HStack gap="3" aria-hidden="true">
          {band && bandText ? (
            <HStack gap="1" fontSize="sm">
              <Box w="3" h="3" borderRadius="sm" style={{ background: BAND_COLOR, opacity: 0.25 }} />
              <Text>{band.label}</Text>
            </HStack>
          ) : null}
          {series.map((s) => (
            <HStack key={s.label} gap="1" fontSize="sm">
              <Box w="3" h="3" borderRadius="full" style={{ background: s.color }} />
              <Text>{s.label}</Text>
            </HStack>
          ))}
        </HStack>
      </HStack>
      <chakra.svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" height="auto" role="img" aria-label={summary}>
        {bandText ? (
          <rect
            x={PAD.left}
            width={WIDTH - PAD.left - PAD.right}
            y={y(bandHigh ?? max)}
            height={y(bandLow ?? min) - y(bandHigh ?? max)}
            fill={BAND_COLOR}
            fillOpacity="0.12"
          />
        ) : null}
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke="currentColor"
              strokeOpacity="0.12"
            />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="currentColor" fillOpacity="0.7">
              {tick}
            </text>
          </g>
        ))}
        {[first, last].map((date, index) => (
          <text
            key={index}
            x={x(date)}
            y={HEIGHT - 8}
            textAnchor={index === 0 ? 'start' : 'end'}
            fontSize="11"
            fill="currentColor"
            fillOpacity="0.7"
          >
            {axisDate.format(date)}
          </text>
        ))}
        {series.map((s) => {
          const pts = dates
            .map((date, i) => (typeof s.values[i] === 'number' ? ([x(date), y(s.values[i])] as const) : null))
            .filter((p): p is readonly [number, number] => p !== null);
          return (
            <g key={s.label}>
              <polyline points={pts.map((p) => p.join(',')).join(' ')} fill="none" stroke={s.color} strokeWidth="2" />
              {pts.map(([px, py], i) => (
                <circle key={i} cx={px} cy={py} r="3.5" fill={s.color} />
              ))}
            </g>
          );
        })}
      </chakra.svg>
    </Box>
  );
}

export interface VitalsPoint {
  readonly at: Date;
  readonly systolic?: number | null;
  readonly diastolic?: number | null;
  readonly heartRate?: number | null;
  readonly weightKg?: number | null;
}

/** Blood pressure, heart rate and weight over time, oldest first, with the numbers as a table. */
export function VitalsCharts({ points }: { points: readonly VitalsPoint[] }) {
  const dates = points.map((p) => p.at);
  const dash = (v: number | null | undefined) => (typeof v !== 'number' ? '—' : String(v));
  return (
    <Box display="grid" gap="4" gridTemplateColumns={{ base: '1fr', lg: 'repeat(3, 1fr)' }}>
      <LineChart
        title="Blood pressure"
        unit="mmHg"
        dates={dates}
        series={[
          { label: 'Systolic', color: '#c0392b', values: points.map((p) => p.systolic) },
          { label: 'Diastolic', color: '#2c7fb8', values: points.map((p) => p.diastolic) },
        ]}
      />
      <LineChart
        title="Heart rate"
        unit="bpm"
        dates={dates}
        series={[{ label: 'Heart rate', color: '#8e44ad', values: points.map((p) => p.heartRate) }]}
      />
      <LineChart
        title="Weight"
        unit="kg"
        dates={dates}
        series={[{ label: 'Weight', color: '#16a085', values: points.map((p) => p.weightKg) }]}
      />
      <Box as="details" gridColumn="1 / -1">
        <chakra.summary cursor="pointer" color="brand.fg" fontWeight="medium">
          Show the vitals as a table
        </chakra.summary>
        <Table.ScrollArea mt="2" borderWidth="1px" borderRadius="l2">
          <Table.Root size="sm">
            <Table.Caption captionSide="top" srOnly>
              Vitals by date
            </Table.Caption>
            <Table.Header>
              <Table.Row>
                {/* The units wrap under their names, so the four columns fit a phone's width. */}
                <Table.ColumnHeader>Date</Table.ColumnHeader>
                <Table.ColumnHeader whiteSpace="normal">Blood pressure (mmHg)</Table.ColumnHeader>
                <Table.ColumnHeader whiteSpace="normal">Heart rate (bpm)</Table.ColumnHeader>
                <Table.ColumnHeader whiteSpace="normal">Weight (kg)</Table.ColumnHeader>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {points.map((p, i) => (
                <Table.Row key={i}>
                  <Table.Cell whiteSpace="nowrap">
                    {shortDate.format(p.at)} {p.at.getFullYear()}
                  </Table.Cell>
                  <Table.Cell>
                    {typeof p.systolic !== 'number' && typeof p.diastolic !== 'number'
                      ? '—'
                      : `${dash(p.systolic)}/${dash(p.diastolic)}`}
                  </Table.Cell>
                  <Table.Cell>{dash(p.heartRate)}</Table.Cell>
                  <Table.Cell>{typeof p.weightKg === 'number' ? p.weightKg.toFixed(1) : '—'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
      </Box>
    </Box>
  );
}
