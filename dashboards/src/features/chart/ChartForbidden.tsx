import { Alert, Button, Heading } from '@chakra-ui/react';
import { useState } from 'react';
import { EmergencyAccessDialog } from './EmergencyAccessDialog';
import { rememberGrant } from './emergency-grants';
import { useRequestEmergencyAccess } from './usePatientChart';

/**
 * A chart outside the care relationship: says why it is closed and offers emergency access,
 * which is recorded with its reason and shown to the patient.
 */
export function ChartForbidden({
  patientId,
  onGranted,
}: {
  patientId: string;
  onGranted: (expiresAt: string | null) => Promise<unknown>;
}) {
  const emergency = useRequestEmergencyAccess();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Heading as="h1" size="2xl">
        Patient chart
      </Heading>
      <Alert.Root status="warning" borderRadius="l3">
        <Alert.Indicator />
        <Alert.Content>
          <Alert.Title>This patient is not under your care</Alert.Title>
          <Alert.Description>
            You can read a chart when the patient has an appointment with you. In an emergency you can open it for 60
            minutes; the access and your reason are recorded and shown to the patient.
          </Alert.Description>
        </Alert.Content>
      </Alert.Root>
      <Button colorPalette="red" alignSelf="flex-start" onClick={() => setAsking(true)}>
        Emergency access
      </Button>
      <EmergencyAccessDialog
        open={asking}
        pending={emergency.loading}
        onCancel={() => setAsking(false)}
        onSubmit={async (reason) => {
          const grant = await emergency.request(patientId, reason);
          if (grant) {
            rememberGrant(patientId, grant.expiresAt);
          }
          setAsking(false);
          await onGranted(grant?.expiresAt ?? null);
        }}
      />
    </>
  );
}
