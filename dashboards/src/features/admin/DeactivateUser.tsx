import { useMutation } from '@apollo/client/react';
import { Alert, Badge, Button, HStack, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog } from '../../shared/ui';
import { AdminDeactivateUserMutation } from './operations';

/**
 * "Deactivate sign-in" for the account behind a patient or doctor. `active` is unknown for doctors
 * (the API does not expose it), so it is then only known after deactivating here.
 */
export function DeactivateUser({ userId, name, active }: { userId: string; name: string; active?: boolean }) {
  const [open, setOpen] = useState(false);
  const [deactivate, { data, loading, error }] = useMutation(AdminDeactivateUserMutation, {
    refetchQueries: ['AdminPatient', 'AdminPatients'],
  });
  const isActive = data ? data.deactivateUser.active : active;
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
        ) : null}
      </HStack>
      {error ? (
        <Alert.Root status="error">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(error)}</Alert.Title>
        </Alert.Root>
      ) : null}
      <ConfirmDialog
        open={open}
        title={`Deactivate ${name}?`}
        description="They will be signed out everywhere and can no longer sign in. This cannot be undone here."
        confirmLabel="Deactivate"
        pending={loading}
        onConfirm={() => {
          deactivate({ variables: { id: userId } })
            .catch(() => undefined)
            .finally(() => setOpen(false));
        }}
        onCancel={() => setOpen(false)}
      />
    </Stack>
  );
}
