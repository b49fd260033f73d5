import { useQuery } from '@apollo/client/react';
import { Badge, Box, Button, Flex, Heading, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { ErrorState, LoadingList } from '../../shared/ui';
import { bornLine } from '../patients/PatientSummary';
import { EmergencyAccessDialog } from './EmergencyAccessDialog';
import { rememberGrant } from './emergency-grants';
import { PatientLookupQuery } from './operations';
import { useRequestEmergencyAccess } from './usePatientChart';

export const LOOKUP_MIN_LETTERS = 3;

/**
 * Break-the-glass from the search: patients outside the doctor's care who match the name, shown
 * as restricted (name and date of birth only, never anything clinical) with "Request emergency
 * access"; a granted one opens the chart, audited as an emergency.
 */
export function OutsideCareResults({ search }: { search: string }) {
  const letters = search.replace(/\s/g, '').length;
  const { data, loading, error, refetch } = useQuery(PatientLookupQuery, {
    variables: { search },
    skip: letters < LOOKUP_MIN_LETTERS,
  });
  const emergency = useRequestEmergencyAccess();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<{ id: string; name: string } | null>(null);
  if (letters < LOOKUP_MIN_LETTERS) {
    return null;
  }
  const others = (data?.patientLookup ?? []).filter((found) => found.access !== 'CARE');

  return (
    <Stack as="section" gap="3" aria-labelledby="outside-care-heading">
      <Heading as="h2" size="md" id="outside-care-heading">
        Other patients with this name
      </Heading>
      <Text fontSize="sm" color="fg.muted">
        Not under your care: their charts are restricted. In an emergency you can request access; it is time-limited and
        recorded with your reason.
      </Text>
      {error ? (
        <ErrorState error={error} title="The search did not load" onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList rows={2} label="Searching all patients…" />
      ) : others.length === 0 ? (
        <Text color="fg.muted">No other patient matches.</Text>
      ) : (
        <Stack as="ul" gap="2" listStyleType="none">
          {others.map((found) => {
            const name = `${found.firstName} ${found.lastName}`;
            return (
              <Box as="li" key={found.patientId} borderWidth="1px" borderRadius="l2" bg="bg" p="4">
                <Flex gap="3" justify="space-between" align={{ base: 'stretch', sm: 'center' }} wrap="wrap">
                  <Stack gap="0">
                    <Text fontWeight="semibold">
                      {name}{' '}
                      <Badge colorPalette={found.access === 'EMERGENCY' ? 'red' : 'gray'} ms="1">
                        {found.access === 'EMERGENCY' ? 'Emergency access' : 'Restricted'}
                      </Badge>
                    </Text>
                    <Text fontSize="sm" color="fg.muted">
                      {bornLine(found.dateOfBirth)}
                    </Text>
                  </Stack>
                  {found.access === 'EMERGENCY' ? (
                    <Button asChild size="sm" colorPalette="red" variant="outline">
                      <RouterLink to={`/doctor/patients/${found.patientId}`}>Open chart</RouterLink>
                    </Button>
                  ) : (
                    <Button
                      size="sm"
                      colorPalette="red"
                      variant="outline"
                      aria-label={`Request emergency access to ${name}`}
                      onClick={() => setAsking({ id: found.patientId, name })}
                    >
                      Request emergency access
                    </Button>
                  )}
                </Flex>
              </Box>
            );
          })}
        </Stack>
      )}
      <EmergencyAccessDialog
        open={asking !== null}
        pending={emergency.loading}
        onCancel={() => setAsking(null)}
        onSubmit={async (reason) => {
          if (!asking) {
            return;
          }
          const grant = await emergency.request(asking.id, reason);
          if (grant) {
            rememberGrant(asking.id, grant.expiresAt);
            setAsking(null);
            await navigate(`/doctor/patients/${asking.id}`);
          }
        }}
      />
    </Stack>
  );
}
