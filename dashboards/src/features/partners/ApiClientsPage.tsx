import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Clipboard,
  Code,
  Fieldset,
  Flex,
  HStack,
  IconButton,
  Stack,
  Table,
  Text,
} from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import {
  ConfirmDialog,
  EmptyState,
  ErrorState,
  focusFirstInvalid,
  FormStack,
  LoadingList,
  TextField,
} from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { useIsNarrow } from '../../shared/useIsNarrow';
import type { AdminApiClientsQuery as AdminApiClientsQueryData } from '../../gql/graphql';
import { PageHeader } from '../admin/ui';
import {
  AdminApiClientsQuery,
  CreateApiClientMutation,
  RevokeApiClientMutation,
  RotateApiClientSecretMutation,
} from './operations';

/** An insurer's scopes: a client holding either answers claims for one insurer, named with it. */
const CLAIMS_SCOPES: readonly string[] = ['claims:read', 'claims:write'];

interface IssuedSecret {
  clientId: string;
  name: string;
  secret: string;
}

/** The secret, once: copy it now, it is never shown again. */
function SecretOnce({ issued, onDone }: { issued: IssuedSecret; onDone: () => void }) {
  return (
    <Alert.Root status="warning" alignItems="flex-start">
      <Alert.Indicator />
      <Stack gap="2" flex="1" minW="0">
        <Alert.Title>Copy the credentials of {issued.name} now: the secret is shown only this once.</Alert.Title>
        <Text fontSize="sm">client_id</Text>
        <Code wordBreak="break-all" p="2">
          {issued.clientId}
        </Code>
        <Text fontSize="sm">client_secret</Text>
        <HStack align="stretch">
          <Code wordBreak="break-all" p="2" flex="1" aria-label="Client secret">
            {issued.secret}
          </Code>
          <Clipboard.Root value={issued.secret}>
            <Clipboard.Trigger asChild>
              <IconButton variant="outline" size="sm" aria-label="Copy the secret">
                <Clipboard.Indicator />
              </IconButton>
            </Clipboard.Trigger>
          </Clipboard.Root>
        </HStack>
        <Box>
          <Button size="sm" onClick={onDone}>
            I have stored it
          </Button>
        </Box>
      </Stack>
    </Alert.Root>
  );
}

function NewClientForm({
  scopes,
  onCreated,
}: {
  scopes: readonly { name: string; description: string }[];
  onCreated: (issued: IssuedSecret) => void;
}) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [insurer, setInsurer] = useState('');
  const forClaims = chosen.some((scope) => CLAIMS_SCOPES.includes(scope));
  const [create, { loading, error }] = useMutation(CreateApiClientMutation, { refetchQueries: ['AdminApiClients'] });
  // Server problems are keyed by the field's last name (`input.name` → `name`), like the local ones.
  const problems = fieldErrors(error);
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const form = event.currentTarget;
    const found: Record<string, string> = {};
    if (!name.trim()) {
      found['name'] = 'Give the partner a name patients will recognise.';
    }
    if (chosen.length === 0) {
      found['scopes'] = 'Choose at least one scope.';
    }
    if (forClaims && !insurer.trim()) {
      found['insurer'] = 'Give the insurer’s name as patients’ policies give it.';
    } else if (forClaims && insurer.trim().length > 100) {
      found['insurer'] = 'Keep the insurer’s name to 100 characters.';
    }
    setLocal(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    // Only an insurer's client has an insurer: the API refuses one without a claims scope.
    const input = { name: name.trim(), scopes: chosen, ...(forClaims ? { insurer: insurer.trim() } : {}) };
    create({ variables: { input } })
      .then(({ data }) => {
        if (data) {
          onCreated({
            clientId: data.createApiClient.client.id,
            name: data.createApiClient.client.name,
            secret: data.createApiClient.clientSecret,
          });
          setName('');
          setChosen([]);
          setInsurer('');
        }
      })
      .catch((caught: unknown) => {
        if (Object.keys(fieldErrors(caught)).length > 0) {
          focusFirstInvalid(form);
        }
      });
  };
  const nameError = local['name'] ?? problems['name'];
  const scopesError = local['scopes'] ?? problems['scopes'];
  const insurerError = local['insurer'] ?? problems['insurer'];
  return (
    <FormStack
      onSubmit={submit}
      noValidate
      aria-label="New API client"
      gap="4"
      borderWidth="1px"
      borderRadius="l3"
      p="4"
    >
      <Text fontWeight="semibold">New API client</Text>
      <TextField
        label="Partner name"
        required
        value={name}
        onChange={setName}
        error={nameError}
        helper="Patients see this name when they decide to share."
      />
      <Fieldset.Root invalid={Boolean(scopesError)}>
        <Fieldset.Legend>Scopes</Fieldset.Legend>
        <Stack gap="2">
          {scopes.map((scope) => (
            <Checkbox.Root
              key={scope.name}
              checked={chosen.includes(scope.name)}
              onCheckedChange={(details) =>
                setChosen((current) =>
                  details.checked === true ? [...current, scope.name] : current.filter((s) => s !== scope.name),
                )
              }
              alignItems="flex-start"
            >
              <Checkbox.HiddenInput />
              <Checkbox.Control mt="0.5" />
              <Checkbox.Label>
                <Code>{scope.name}</Code>{' '}
                <Text as="span" color="fg.muted" fontWeight="normal">
                  {scope.description}
                </Text>
              </Checkbox.Label>
            </Checkbox.Root>
          ))}
        </Stack>
        {scopesError ? <Fieldset.ErrorText>{scopesError}</Fieldset.ErrorText> : null}
      </Fieldset.Root>
      {forClaims ? (
        <TextField
          label="Insurer"
          required
          value={insurer}
          onChange={setInsurer}
          error={insurerError}
          helper="The insurer’s name as it appears on patients’ policies, e.g. Northern Health Insurance."
        />
      ) : null}
      {error && Object.keys(problems).length === 0 ? (
        <Alert.Root status="error">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(error)}</Alert.Title>
        </Alert.Root>
      ) : null}
      <Box>
        <Button type="submit" colorPalette="brand" loading={loading}>
          Create client
        </Button>
      </Box>
    </FormStack>
  );
}

type ClientRow = AdminApiClientsQueryData['apiClients']['edges'][number]['node'];

type Pending = { kind: 'rotate' | 'revoke'; id: string; name: string } | undefined;

/** `/admin/api-clients`: partners' API clients — create, rotate, revoke, and how many patients share with each. */
export function ApiClientsPage() {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(AdminApiClientsQuery, {
    fetchPolicy: 'cache-and-network',
  });
  const more = useLoadMore(data?.apiClients.pageInfo, fetchMore, networkStatus);
  const [issued, setIssued] = useState<IssuedSecret>();
  const [pending, setPending] = useState<Pending>();
  const [rotate, rotation] = useMutation(RotateApiClientSecretMutation, { refetchQueries: ['AdminApiClients'] });
  const [revoke, revocation] = useMutation(RevokeApiClientMutation, { refetchQueries: ['AdminApiClients'] });
  const zone = viewerTimeZone();
  const clients = data?.apiClients.edges.map((edge) => edge.node) ?? [];
  const actionError = rotation.error ?? revocation.error;
  const narrow = useIsNarrow();

  const partnerOf = (client: ClientRow) => (
    <Stack gap="0">
      <Text id={`client-${client.id}`} fontWeight="medium">
        {client.name}
      </Text>
      {client.active ? (
        <Badge colorPalette="green" alignSelf="flex-start">
          Active
        </Badge>
      ) : (
        <Badge colorPalette="red" alignSelf="flex-start">
          Revoked {client.revokedAt ? formatDateTime(client.revokedAt, zone) : ''}
        </Badge>
      )}
      {client.insurer ? <Text fontSize="sm">Insurer: {client.insurer}</Text> : null}
      <Text fontSize="xs" color="fg.muted" wordBreak="break-all">
        {client.id}
      </Text>
      {client.webhooks.map((hook) =>
        hook.active ? null : (
          <Text key={hook.id} fontSize="xs" color="red.fg" wordBreak="break-all">
            Webhook {hook.url} turned off
            {hook.disabledAt ? ` ${formatDateTime(hook.disabledAt, zone)}` : ''} after failing too long
          </Text>
        ),
      )}
    </Stack>
  );
  const scopesOf = (client: ClientRow) => (
    <Flex gap="1" wrap="wrap">
      {client.scopes.map((scope) => (
        <Badge key={scope} variant="outline">
          {scope}
        </Badge>
      ))}
    </Flex>
  );
  const secretOf = (client: ClientRow) => (
    <Box>
      <Text fontSize="sm">Secret issued {formatDateTime(client.secretIssuedAt, zone)}</Text>
      {client.previousSecretValidUntil ? (
        <Text fontSize="xs" color="fg.muted">
          Old secret works until {formatDateTime(client.previousSecretValidUntil, zone)}
        </Text>
      ) : null}
    </Box>
  );
  const actionsOf = (client: ClientRow) =>
    client.active ? (
      <HStack gap="2" justify={narrow ? 'flex-start' : 'flex-end'} wrap="wrap">
        <Button
          size="xs"
          variant="outline"
          // Every row has these: described by the partner's name.
          aria-describedby={`client-${client.id}`}
          onClick={() => setPending({ kind: 'rotate', id: client.id, name: client.name })}
        >
          Rotate secret
        </Button>
        <Button
          size="xs"
          variant="outline"
          colorPalette="red"
          aria-describedby={`client-${client.id}`}
          onClick={() => setPending({ kind: 'revoke', id: client.id, name: client.name })}
        >
          Revoke
        </Button>
      </HStack>
    ) : null;

  return (
    <Stack gap="6">
      <PageHeader
        title="API clients"
        description="Partner systems (labs, insurers, referral apps) call the API with their own credentials. They see a patient's data only while that patient shares it with them."
      />
      {issued ? <SecretOnce issued={issued} onDone={() => setIssued(undefined)} /> : null}
      {actionError ? (
        <Alert.Root status="error">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(actionError)}</Alert.Title>
        </Alert.Root>
      ) : null}
      {loading && !data ? (
        <LoadingList label="Loading API clients…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : clients.length === 0 ? (
        <EmptyState title="No API clients yet" description="Create one below for each partner system." />
      ) : narrow ? (
        // A phone: each partner a card, its actions in reach, nothing off to the side.
        <Stack as="ul" listStyleType="none" gap="3" p="0" m="0" aria-label="API clients">
          {clients.map((client) => (
            <Box as="li" key={client.id} borderWidth="1px" borderRadius="l3" bg="bg" p="4">
              <Stack gap="3">
                {partnerOf(client)}
                {scopesOf(client)}
                <Text fontSize="sm">
                  {client.consentCount} {client.consentCount === 1 ? 'patient shares' : 'patients share'} their chart
                </Text>
                {secretOf(client)}
                {actionsOf(client)}
              </Stack>
            </Box>
          ))}
        </Stack>
      ) : (
        <Table.ScrollArea borderWidth="1px" borderRadius="l3">
          <Table.Root size="sm">
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeader>Partner</Table.ColumnHeader>
                <Table.ColumnHeader>Scopes</Table.ColumnHeader>
                <Table.ColumnHeader textAlign="end">Patients sharing</Table.ColumnHeader>
                <Table.ColumnHeader>Secret</Table.ColumnHeader>
                <Table.ColumnHeader />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {clients.map((client) => (
                <Table.Row key={client.id}>
                  <Table.Cell>{partnerOf(client)}</Table.Cell>
                  <Table.Cell>{scopesOf(client)}</Table.Cell>
                  <Table.Cell textAlign="end">{client.consentCount}</Table.Cell>
                  <Table.Cell>{secretOf(client)}</Table.Cell>
                  <Table.Cell>{actionsOf(client)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        </Table.ScrollArea>
      )}
      {clients.length > 0 ? (
        <LoadMore
          count={clients.length}
          total={data?.apiClients.totalCount}
          noun="API client"
          hasNextPage={data?.apiClients.pageInfo.hasNextPage}
          more={more}
        />
      ) : null}
      {data ? <NewClientForm scopes={data.apiScopes} onCreated={setIssued} /> : null}
      <ConfirmDialog
        open={pending?.kind === 'rotate'}
        title={`New secret for ${pending?.name ?? ''}?`}
        description="A new secret is shown once. The old one keeps working for 24 hours so the partner can switch over."
        confirmLabel="Rotate secret"
        destructive={false}
        pending={rotation.loading}
        onConfirm={() => {
          if (!pending) {
            return;
          }
          rotate({ variables: { id: pending.id } })
            .then(({ data: rotated }) => {
              if (rotated) {
                const { client, clientSecret } = rotated.rotateApiClientSecret;
                setIssued({ clientId: client.id, name: client.name, secret: clientSecret });
              }
            })
            .catch(() => undefined)
            .finally(() => setPending(undefined));
        }}
        onCancel={() => setPending(undefined)}
      />
      <ConfirmDialog
        open={pending?.kind === 'revoke'}
        title={`Revoke ${pending?.name ?? ''}?`}
        description="Its secrets and every token it holds stop working at once, on every server. This cannot be undone."
        confirmLabel="Revoke"
        pending={revocation.loading}
        onConfirm={() => {
          if (!pending) {
            return;
          }
          revoke({ variables: { id: pending.id } })
            .catch(() => undefined)
            .finally(() => setPending(undefined));
        }}
        onCancel={() => setPending(undefined)}
      />
    </Stack>
  );
}
