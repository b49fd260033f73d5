import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Box, Button, Flex, Heading, List, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog, EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { GrantSharingMutation, MySharingQuery, RevokeSharingMutation } from './operations';

/** `/patient/sharing`: which partners may see my data, in plain words; share or stop sharing per partner. */
export function SharingPage() {
  const { data, loading, error, refetch } = useQuery(MySharingQuery, { fetchPolicy: 'cache-and-network' });
  const [grant, granting] = useMutation(GrantSharingMutation, { refetchQueries: ['MySharing'] });
  const [revoke, revoking] = useMutation(RevokeSharingMutation, { refetchQueries: ['MySharing'] });
  const [asking, setAsking] = useState<{ kind: 'grant' | 'revoke'; id: string; name: string }>();
  const zone = viewerTimeZone();
  // What each scope lets the partner do with the patient's own data, in their words ("See your …").
  const meaning = new Map((data?.apiScopes ?? []).map((scope) => [scope.name, scope.forPatient]));
  const sharing = data?.myConsents.filter((consent) => consent.purpose === 'DATA_SHARING') ?? [];
  const activeFor = (partnerId: string) =>
    sharing.find((consent) => consent.active && consent.apiClient?.id === partnerId);
  const actionError = granting.error ?? revoking.error;
  return (
    <Stack gap="6">
      <Stack gap="1">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Sharing with partners
        </Heading>
        <Text color="fg.muted">
          Partners such as labs and insurers can see your data only while you share it with them, and only what is
          listed. You can stop at any time; they lose access at once.
        </Text>
      </Stack>
      {actionError ? (
        <Alert.Root status="error">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(actionError)}</Alert.Title>
        </Alert.Root>
      ) : null}
      {loading && !data ? (
        <LoadingList label="Loading partners…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data?.sharingPartners.length === 0 ? (
        <EmptyState
          title="No partners yet"
          description="When the clinic works with a partner, you can choose here whether to share with them."
        />
      ) : (
        <Stack as="ul" gap="3" p="0" m="0" listStyleType="none">
          {data?.sharingPartners.map((partner) => {
            const consent = activeFor(partner.id);
            return (
              <Box as="li" key={partner.id} borderWidth="1px" borderRadius="l3" p="4">
                <Flex justify="space-between" gap="3" wrap="wrap" align="flex-start">
                  <Stack gap="1" flex="1" minW="16rem">
                    <Flex gap="2" align="center" wrap="wrap">
                      <Text id={`partner-${partner.id}`} fontWeight="semibold" fontSize="lg">
                        {partner.name}
                      </Text>
                      {consent ? (
                        <Badge colorPalette="green">Sharing since {formatDateTime(consent.grantedAt, zone)}</Badge>
                      ) : (
                        <Badge>Not sharing</Badge>
                      )}
                    </Flex>
                    <Text fontSize="sm" color="fg.muted">
                      If you share, {partner.name} may:
                    </Text>
                    <List.Root fontSize="sm" ps="5">
                      {partner.scopes.map((scope) => (
                        <List.Item key={scope}>{meaning.get(scope) ?? scope}</List.Item>
                      ))}
                    </List.Root>
                  </Stack>
                  {consent ? (
                    <Button
                      variant="outline"
                      colorPalette="red"
                      // One per partner: described by the partner's name.
                      aria-describedby={`partner-${partner.id}`}
                      onClick={() => setAsking({ kind: 'revoke', id: consent.id, name: partner.name })}
                    >
                      Stop sharing
                    </Button>
                  ) : (
                    <Button
                      colorPalette="brand"
                      aria-describedby={`partner-${partner.id}`}
                      onClick={() => setAsking({ kind: 'grant', id: partner.id, name: partner.name })}
                    >
                      Share my data
                    </Button>
                  )}
                </Flex>
              </Box>
            );
          })}
        </Stack>
      )}
      {sharing.length > 0 ? (
        <Stack gap="2">
          <Heading as="h2" size="lg">
            History
          </Heading>
          <Stack as="ul" gap="1" p="0" m="0" listStyleType="none" fontSize="sm">
            {sharing.map((consent) => (
              <Text as="li" key={consent.id}>
                {consent.apiClient?.name ?? 'A partner'}: shared {formatDateTime(consent.grantedAt, zone)}
                {consent.revokedAt ? `, stopped ${formatDateTime(consent.revokedAt, zone)}` : ' — still sharing'}
              </Text>
            ))}
          </Stack>
        </Stack>
      ) : null}
      <ConfirmDialog
        open={asking?.kind === 'grant'}
        title={`Share your data with ${asking?.name ?? ''}?`}
        description="They will see what is listed for them, from their next request, until you stop sharing."
        confirmLabel="Share"
        destructive={false}
        pending={granting.loading}
        onConfirm={() => {
          if (asking) {
            grant({ variables: { apiClientId: asking.id } })
              .catch(() => undefined)
              .finally(() => setAsking(undefined));
          }
        }}
        onCancel={() => setAsking(undefined)}
      />
      <ConfirmDialog
        open={asking?.kind === 'revoke'}
        title={`Stop sharing with ${asking?.name ?? ''}?`}
        description="They lose access to your data from their next request. You can share again later."
        confirmLabel="Stop sharing"
        pending={revoking.loading}
        onConfirm={() => {
          if (asking) {
            revoke({ variables: { id: asking.id } })
              .catch(() => undefined)
              .finally(() => setAsking(undefined));
          }
        }}
        onCancel={() => setAsking(undefined)}
      />
    </Stack>
  );
}
