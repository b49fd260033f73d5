import { Alert, Box, Heading, List, SimpleGrid, Text } from '@chakra-ui/react';
import type { PatientChartQuery } from '../../gql/graphql';
import { formatCalendarDate } from '../../shared/format-date-time';

type ChartPatient = NonNullable<PatientChartQuery['patient']>;

/** The allergies banner: red and prominent when there are any. */
export function AllergiesAlert({ allergies }: { allergies: readonly string[] }) {
  return allergies.length > 0 ? (
    <Alert.Root status="error" variant="solid" borderRadius="l3" aria-label="Allergies">
      <Alert.Indicator />
      <Alert.Content minW="0">
        <Alert.Title fontSize="md">Allergies</Alert.Title>
        {/* A long entry wraps anywhere rather than widen a phone's page. */}
        <Alert.Description fontWeight="semibold" overflowWrap="anywhere">
          {allergies.join(', ')}
        </Alert.Description>
      </Alert.Content>
    </Alert.Root>
  ) : (
    <Alert.Root status="success" borderRadius="l3">
      <Alert.Indicator />
      <Alert.Title>No known allergies</Alert.Title>
    </Alert.Root>
  );
}

/** Conditions, medications, surgeries, family history and emergency contacts, one card each. */
export function ChartHistory({
  patient,
  medications,
}: {
  patient: ChartPatient;
  /** What the patient takes now: the active prescriptions' items and their own list, reconciled (`currentMedications`). */
  medications: readonly string[];
}) {
  return (
    <SimpleGrid columns={{ base: 1, md: 2, lg: 3 }} gap="3">
      <InfoCard title="Chronic conditions" items={patient.chronicConditions} />
      <InfoCard title="Current medications" items={medications} />
      <InfoCard
        title="Surgeries"
        items={patient.surgeries.map((s) => (s.date ? `${s.procedure} (${formatCalendarDate(s.date)})` : s.procedure))}
      />
      <InfoCard title="Family history" items={patient.familyHistory.map((f) => `${f.relation}: ${f.condition}`)} />
      <InfoCard
        title="Emergency contacts"
        items={patient.emergencyContacts.map((c) => `${c.name} (${c.relationship})${c.phone ? ` · ${c.phone}` : ''}`)}
      />
    </SimpleGrid>
  );
}

function InfoCard({ title, items }: { title: string; items: readonly string[] }) {
  return (
    <Box borderWidth="1px" borderRadius="l3" bg="bg" p="4">
      <Heading as="h2" size="sm" mb="2">
        {title}
      </Heading>
      {items.length === 0 ? (
        <Text color="fg.muted" fontSize="sm">
          None recorded
        </Text>
      ) : (
        <List.Root ps="4" gap="1" fontSize="sm">
          {items.map((item, index) => (
            <List.Item key={index}>{item}</List.Item>
          ))}
        </List.Root>
      )}
    </Box>
  );
}
