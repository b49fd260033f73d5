import { useMutation } from '@apollo/client/react';
import { Alert, Badge, Button, HStack, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog } from '../../shared/ui';
import { AffectedAppointments, useAffectedRefusal } from '../availability/AffectedAppointments';
import { BY_ADMINISTRATOR } from '../availability/manager';
import { AdminDeactivateUserMutation, AdminReactivateUserMutation } from './operations';

/**
 * "Deactivate sign-in" for the account behind a patient or doctor, and "Reactivate" once it is.
 * A doctor's booked appointments must be cancelled or moved first: the API lists them.
 */
export function DeactivateUser({
  userId,
  name,
  active,
  doctor,
}: {
  userId: string;
  name: string;
  active?: boolean;
  /** For a doctor: their booked appointments are resolved before deactivating. */
  doctor?: { id: string; timezone: string };
}) {
  const [open, setOpen] = useState(false);
  // A doctor's booked appointments stand in the way: the admin resolves them, then it is tried again.
  const affected = useAffectedRefusal<true>();
  const refetchQueries = ['AdminPatient', 'AdminPatients', 'AdminDoctor', 'AdminDoctors'];
  const [deactivate, { data, loading, error, reset }] = useMutation(AdminDeactivateUserMutation, { refetchQueries });
  const [reactivate, reactivation] = useMutation(AdminReactivateUserMutation, { refetchQueries });
  const isActive = reactivation.data
    ? reactivation.data.reactivateUser.active
    : data
      ? data.deactivateUser.active
      : active;
  const run = async () => {
    try {
      await deactivate({ variables: { id: userId } });
      affected.clear();
    } catch (caught) {
      if (affected.refused(caught, true)) {
        reset();
      }
    }
  };
  return (
    <Stack gap="2" borderWidth="1px" borderColor="border.error" borderRadius="l3" p="4">
      <HStack justify="space-between" gap="3" flexWrap="wrap">
        <Stack gap="0">
          <Text fontWeight="semibold">Sign-in account</Text>
          <HStack gap="2">
            {isActive === false ? (
              <Badge colorPalette="red">Deactivated</Badge>
            ) : isActive === true ? (
              <Badge colorPalette="green">Active</Badge>
            ) : null}
            <Text fontSize="sm" color="fg.muted">
              Deactivating stops sign-in at once; the records stay.
            </Text>
          </HStack>
        </Stack>
        {isActive !== false ? (
          <Button colorPalette="red" variant="outline" size="sm" onClick={() => setOpen(true)}>
            Deactivate account
          </Button>
        ) : (
          <Button
            colorPalette="brand"
            variant="outline"
            size="sm"
            loading={reactivation.loading}
            onClick={() => void reactivate({ variables: { id: userId } }).catch(() => undefined)}
          >
            Reactivate account
          </Button>
        )}
      </HStack>
      {error || reactivation.error ? (
        <Alert.Root status="error">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(error ?? reactivation.error)}</Alert.Title>
        </Alert.Root>
      ) : null}
      {affected.refusal && doctor ? (
        <AffectedAppointments
          refusal={affected.refusal}
          change={{ doctorId: doctor.id, deactivate: true }}
          doctorZone={doctor.timezone}
          what={`${name} still has booked appointments.`}
          onResolved={run}
          onCancel={affected.clear}
          manager={BY_ADMINISTRATOR}
        />
      ) : null}
      <ConfirmDialog
        open={open}
        title={`Deactivate ${name}?`}
        description="They will be signed out everywhere and can no longer sign in. This cannot be undone here."
        confirmLabel="Deactivate"
        pending={loading}
        onConfirm={() => {
          void run().finally(() => setOpen(false));
        }}
        onCancel={() => setOpen(false)}
      />
    </Stack>
  );
}
