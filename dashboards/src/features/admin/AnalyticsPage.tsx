import { useQuery } from '@apollo/client/react';
import { Button, ButtonGroup, Card, Heading, SimpleGrid, Stack, Stat, Text } from '@chakra-ui/react';
import { useId, useMemo, useState } from 'react';
import { viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { AppointmentsPerDayChart, UtilisationChart } from './charts';
import { AdminAnalyticsQuery } from './operations';
import { doctorName } from '../doctors/DoctorName';
import { PageHeader, percent } from './ui';
import { formatCount } from '../../shared/format-number';
import { formatMoney } from '../billing/money';
import { RevenueQuery } from '../billing/operations';

const RANGES = [7, 30, 90] as const;
type Range = (typeof RANGES)[number];

/** The last `days` days up to the end of today, in the viewer's zone. */
export function analyticsRange(days: number, now = new Date()): { from: string; to: string } {
  const end = new Date(now);
  end.setHours(24, 0, 0, 0);
  const start = new Date(end);
  start.setDate(start.getDate() - days);
  return { from: start.toISOString(), to: end.toISOString() };
}

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <Card.Root as="section" aria-labelledby={id}>
      <Card.Header>
        <Heading as="h2" size="md" id={id}>
          {title}
        </Heading>
      </Card.Header>
      <Card.Body>{children}</Card.Body>
    </Card.Root>
  );
}

/** Billed and collected over the period, one card per currency (none when nothing was billed or paid). */
function RevenueCards({ range, days }: { range: { from: string; to: string }; days: number }) {
  const { data, error } = useQuery(RevenueQuery, { variables: range });
  if (error) {
    return <Text color="fg.error">Revenue could not be loaded.</Text>;
  }
  const revenue = data?.revenue ?? [];
  return revenue.length === 0 ? null : (
    <SimpleGrid as="section" aria-label="Revenue" columns={{ base: 1, sm: 2, lg: 3 }} gap="3">
      {revenue.map((row) => (
        <Card.Root key={row.currency} size="sm">
          <Card.Body>
            <Stat.Root>
              <Stat.Label>Billed in {row.currency}</Stat.Label>
              <Stat.ValueText>{formatMoney(row.billed)}</Stat.ValueText>
              <Stat.HelpText as="dd">
                {formatCount(row.invoices)} {row.invoices === 1 ? 'invoice' : 'invoices'} in the last {days} days
              </Stat.HelpText>
            </Stat.Root>
            <Stat.Root mt="3">
              <Stat.Label>Collected in {row.currency}</Stat.Label>
              <Stat.ValueText>{formatMoney(row.collected)}</Stat.ValueText>
              <Stat.HelpText as="dd">
                {formatCount(row.payments)} {row.payments === 1 ? 'payment' : 'payments'}, patients’ and insurers’
              </Stat.HelpText>
            </Stat.Root>
          </Card.Body>
        </Card.Root>
      ))}
    </SimpleGrid>
  );
}

export function AnalyticsPage() {
  const [days, setDays] = useState<Range>(30);
  const timezone = viewerTimeZone();
  const range = useMemo(() => analyticsRange(days), [days]);
  const { data, loading, error, refetch } = useQuery(AdminAnalyticsQuery, { variables: { ...range, timezone } });
  const analytics = data?.analytics;

  return (
    <Stack gap="5">
      <PageHeader
        title="Admin console"
        description={`Clinic analytics for the chosen period, counted by day in ${timezone}.`}
        action={
          <ButtonGroup size="sm" variant="outline" attached role="group" aria-label="Period">
            {RANGES.map((r) => (
              <Button
                key={r}
                aria-pressed={days === r}
                variant={days === r ? 'solid' : 'outline'}
                colorPalette="brand"
                onClick={() => setDays(r)}
              >
                Last {r} days
              </Button>
            ))}
          </ButtonGroup>
        }
      />
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !analytics ? (
        <LoadingList rows={3} label="Loading analytics…" />
      ) : !analytics ? null : (
        <>
          <SimpleGrid columns={{ base: 1, sm: 3 }} gap="3">
            <Card.Root size="sm">
              <Card.Body>
                {/* Chakra's help text is a <span>; inside the <dl> it must be a <dd> (axe: definition-list). */}
                <Stat.Root>
                  <Stat.Label>Appointments</Stat.Label>
                  <Stat.ValueText>{formatCount(analytics.totalAppointments)}</Stat.ValueText>
                  <Stat.HelpText as="dd">in the last {days} days</Stat.HelpText>
                </Stat.Root>
              </Card.Body>
            </Card.Root>
            <Card.Root size="sm">
              <Card.Body>
                <Stat.Root>
                  <Stat.Label>No-show rate</Stat.Label>
                  <Stat.ValueText>{percent(analytics.noShowRate)}</Stat.ValueText>
                  <Stat.HelpText as="dd">of visits that were due</Stat.HelpText>
                </Stat.Root>
              </Card.Body>
            </Card.Root>
            <Card.Root size="sm">
              <Card.Body>
                <Stat.Root>
                  <Stat.Label>Cancellation rate</Stat.Label>
                  <Stat.ValueText>{percent(analytics.cancellationRate)}</Stat.ValueText>
                  <Stat.HelpText as="dd">of all appointments</Stat.HelpText>
                </Stat.Root>
              </Card.Body>
            </Card.Root>
          </SimpleGrid>
          <RevenueCards range={range} days={days} />
          <ChartCard title="Appointments per day">
            {analytics.totalAppointments === 0 ? (
              <EmptyState title="No appointments in this period" />
            ) : (
              <AppointmentsPerDayChart days={analytics.appointmentsPerDay} />
            )}
          </ChartCard>
          <ChartCard title="Utilisation per doctor">
            {analytics.utilisation.length === 0 ? (
              <Text color="fg.muted">No doctor offered hours in this period.</Text>
            ) : (
              <UtilisationChart
                doctors={analytics.utilisation.map((u) => ({
                  name: doctorName(u.doctor),
                  availableHours: u.availableHours,
                  bookedHours: u.bookedHours,
                  utilisation: u.utilisation,
                }))}
              />
            )}
          </ChartCard>
        </>
      )}
    </Stack>
  );
}
