import { Box, Button, Flex, HStack, Stack, Table, Text } from '@chakra-ui/react';
import { useId, useState, type ReactNode } from 'react';
import { APPOINTMENT_STATUS } from '../appointments/appointment-status';
import { percent } from './ui';

export interface DayPoint {
  readonly date: string;
  readonly total: number;
  readonly completed: number;
  readonly cancelled: number;
  readonly noShow: number;
}

export interface UtilisationPoint {
  readonly name: string;
  readonly availableHours: number;
  readonly bookedHours: number;
  readonly utilisation: number;
}

const SERIES = [
  { key: 'completed', label: APPOINTMENT_STATUS.COMPLETED.label, color: `${APPOINTMENT_STATUS.COMPLETED.palette}.500` },
  { key: 'cancelled', label: APPOINTMENT_STATUS.CANCELLED.label, color: `${APPOINTMENT_STATUS.CANCELLED.palette}.500` },
  { key: 'noShow', label: APPOINTMENT_STATUS.NO_SHOW.label, color: `${APPOINTMENT_STATUS.NO_SHOW.palette}.500` },
  { key: 'other', label: 'Upcoming / other', color: 'brand.300' },
] as const;

function Legend({ items }: { items: readonly { label: string; color: string }[] }) {
  return (
    <HStack gap="4" flexWrap="wrap" fontSize="sm" color="fg.muted" aria-hidden="true">
      {items.map((item) => (
        <HStack key={item.label} gap="1.5">
          <Box w="3" h="3" borderRadius="sm" bg={item.color} />
          <Text>{item.label}</Text>
        </HStack>
      ))}
    </HStack>
  );
}

/** A chart with a "Show data table" toggle; the drawing itself is hidden from screen readers. */
function ChartFrame({ summary, chart, table }: { summary: string; chart: ReactNode; table: ReactNode }) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <Stack gap="3">
      <Box role="img" aria-label={summary}>
        <Box aria-hidden="true">{chart}</Box>
      </Box>
      <Button
        size="xs"
        variant="ghost"
        alignSelf="flex-start"
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable((v) => !v)}
      >
        {showTable ? 'Hide data table' : 'Show data table'}
      </Button>
      <Box id={tableId} hidden={!showTable} overflowX="auto" maxH="80" overflowY="auto">
        {table}
      </Box>
    </Stack>
  );
}

function shortDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export function AppointmentsPerDayChart({ days }: { days: readonly DayPoint[] }) {
  const max = Math.max(1, ...days.map((d) => d.total));
  const busiest = days.reduce<DayPoint | undefined>((best, d) => (!best || d.total > best.total ? d : best), undefined);
  const total = days.reduce((sum, d) => sum + d.total, 0);
  const summary = `Bar chart of appointments per day over ${days.length} days: ${total} in all${busiest && busiest.total > 0 ? `, busiest ${shortDay(busiest.date)} with ${busiest.total}` : ''}.`;
  const chart = (
    <Stack gap="2">
      <Legend items={SERIES} />
      <Flex gap="2" align="stretch">
        <Flex direction="column" justify="space-between" fontSize="xs" color="fg.muted" textAlign="end" minW="6" h="48">
          <Text>{max}</Text>
          <Text>0</Text>
        </Flex>
        <Flex
          flex="1"
          h="48"
          align="flex-end"
          gap={days.length > 45 ? '1px' : '1'}
          borderBottomWidth="1px"
          borderLeftWidth="1px"
          px="1"
        >
          {days.map((d) => {
            const other = Math.max(0, d.total - d.completed - d.cancelled - d.noShow);
            const values = { completed: d.completed, cancelled: d.cancelled, noShow: d.noShow, other };
            return (
              <Flex
                key={d.date}
                flex="1"
                minW="0"
                direction="column-reverse"
                h={`${(d.total / max) * 100}%`}
                title={`${shortDay(d.date)}: ${d.total} (completed ${d.completed}, cancelled ${d.cancelled}, no-show ${d.noShow})`}
                borderTopRadius="sm"
                overflow="hidden"
              >
                {SERIES.map((s) => (values[s.key] > 0 ? <Box key={s.key} bg={s.color} flex={values[s.key]} /> : null))}
              </Flex>
            );
          })}
        </Flex>
      </Flex>
      {days.length > 0 ? (
        <Flex justify="space-between" fontSize="xs" color="fg.muted" ps="8">
          <Text>{shortDay(days[0]!.date)}</Text>
          <Text>{shortDay(days[days.length - 1]!.date)}</Text>
        </Flex>
      ) : null}
    </Stack>
  );
  const table = (
    <Table.Root size="sm">
      <Table.Caption>Appointments per day</Table.Caption>
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeader>Day</Table.ColumnHeader>
          <Table.ColumnHeader textAlign="end">Total</Table.ColumnHeader>
          <Table.ColumnHeader textAlign="end">Completed</Table.ColumnHeader>
          <Table.ColumnHeader textAlign="end">Cancelled</Table.ColumnHeader>
          <Table.ColumnHeader textAlign="end">No-show</Table.ColumnHeader>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {days.map((d) => (
          <Table.Row key={d.date}>
            <Table.Cell>{d.date}</Table.Cell>
            <Table.Cell textAlign="end">{d.total}</Table.Cell>
            <Table.Cell textAlign="end">{d.completed}</Table.Cell>
            <Table.Cell textAlign="end">{d.cancelled}</Table.Cell>
            <Table.Cell textAlign="end">{d.noShow}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  );
  return <ChartFrame summary={summary} chart={chart} table={table} />;
}

export function UtilisationChart({ doctors }: { doctors: readonly UtilisationPoint[] }) {
  const max = Math.max(1, ...doctors.map((d) => Math.max(d.availableHours, d.bookedHours)));
  const summary = `Bar chart of booked against available hours for ${doctors.length} doctors.`;
  const chart = (
    <Stack gap="3">
      <Legend
        items={[
          { label: 'Booked hours', color: 'brand.solid' },
          { label: 'Available hours', color: 'brand.muted' },
        ]}
      />
      {doctors.map((d) => (
        <Stack key={d.name} gap="1">
          <Flex justify="space-between" fontSize="sm" gap="2">
            <Text fontWeight="medium" truncate>
              {d.name}
            </Text>
            <Text color="fg.muted" flexShrink={0}>
              {d.bookedHours.toFixed(1)} / {d.availableHours.toFixed(1)} h · {percent(d.utilisation)}
            </Text>
          </Flex>
          <Box
            h="3"
            bg="brand.muted"
            borderRadius="full"
            w={`${(d.availableHours / max) * 100}%`}
            minW="1"
            position="relative"
          >
            <Box
              position="absolute"
              insetStart="0"
              top="0"
              bottom="0"
              bg="brand.solid"
              borderRadius="full"
              w={`${d.availableHours > 0 ? Math.min(100, (d.bookedHours / d.availableHours) * 100) : 0}%`}
            />
          </Box>
        </Stack>
      ))}
    </Stack>
  );
  const table = (
    <Table.Root size="sm">
      <Table.Caption>Utilisation per doctor</Table.Caption>
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeader>Doctor</Table.ColumnHeader>
          <Table.ColumnHeader textAlign="end">Available hours</Table.ColumnHeader>
          <Table.ColumnHeader textAlign="end">Booked hours</Table.ColumnHeader>
          <Table.ColumnHeader textAlign="end">Utilisation</Table.ColumnHeader>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {doctors.map((d) => (
          <Table.Row key={d.name}>
            <Table.Cell>{d.name}</Table.Cell>
            <Table.Cell textAlign="end">{d.availableHours.toFixed(1)}</Table.Cell>
            <Table.Cell textAlign="end">{d.bookedHours.toFixed(1)}</Table.Cell>
            <Table.Cell textAlign="end">{percent(d.utilisation)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  );
  return <ChartFrame summary={summary} chart={chart} table={table} />;
}
