import { useQuery } from '@apollo/client/react';
import { Badge, Box, Button, Code, Flex, SimpleGrid, Stack, Table, Text } from '@chakra-ui/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList, TextField } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { useIsNarrow } from '../../shared/useIsNarrow';
import type { AdminAuditEventsQuery as AuditEventsData } from '../../gql/graphql';
import { AdminAuditEventsQuery } from './operations';
import { PageHeader } from './ui';
import { isUuid } from '../../shared/ids';

type AuditEventRow = AuditEventsData['auditEvents']['edges'][number]['node'];

interface Filters {
  name: string;
  patientId: string;
  actorId: string;
  entityId: string;
  fromDay: string;
  toDay: string;
}

const EMPTY: Filters = { name: '', patientId: '', actorId: '', entityId: '', fromDay: '', toDay: '' };

function dayStart(day: string, plusDays = 0): string | undefined {
  if (!day) {
    return undefined;
  }
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

function ShortId({ id }: { id?: string | null }) {
  if (!id) {
    return <Text color="fg.subtle">—</Text>;
  }
  return (
    <Code size="sm" title={id} variant="surface">
      {id.slice(0, 8)}
    </Code>
  );
}

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [problems, setProblems] = useState<Partial<Record<keyof Filters, string>>>({});
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(AdminAuditEventsQuery, {
    variables: {
      name: applied.name.trim() || undefined,
      patientId: applied.patientId || undefined,
      actorId: applied.actorId || undefined,
      entityId: applied.entityId || undefined,
      from: dayStart(applied.fromDay),
      to: dayStart(applied.toDay, 1),
    },
  });
  const events = data?.auditEvents.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.auditEvents.pageInfo;
  const zone = viewerTimeZone();
  const narrow = useIsNarrow();
  // A phone shows the ID filters when asked for or in use ("only theirs" and the short ids set them).
  const [idsAsked, setIdsAsked] = useState(false);
  const filtersRef = useRef<HTMLFormElement>(null);
  // The button asking for them is gone: the keyboard goes on at the first of the ID fields.
  useEffect(() => {
    if (idsAsked) {
      filtersRef.current?.querySelector<HTMLInputElement>('input[name="patientId"]')?.focus();
    }
  }, [idsAsked]);
  const set = (name: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));

  function apply(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<keyof Filters, string>> = {};
    if (draft.patientId.trim() && !isUuid(draft.patientId.trim())) {
      found.patientId = 'Paste a full patient ID.';
    }
    if (draft.actorId.trim() && !isUuid(draft.actorId.trim())) {
      found.actorId = 'Paste a full user ID.';
    }
    if (draft.entityId.trim() && !isUuid(draft.entityId.trim())) {
      found.entityId = 'Paste a full record ID.';
    }
    if (draft.fromDay && draft.toDay && draft.fromDay > draft.toDay) {
      found.toDay = 'The end date must not be before the start date.';
    }
    setProblems(found);
    if (Object.keys(found).length === 0) {
      setApplied({
        ...draft,
        patientId: draft.patientId.trim(),
        actorId: draft.actorId.trim(),
        entityId: draft.entityId.trim(),
      });
    }
  }

  function filterBy(patch: Partial<Filters>) {
    const next = { ...applied, ...patch };
    setDraft(next);
    setApplied(next);
  }

  const more = useLoadMore(pageInfo, fetchMore, networkStatus);

  /** Who acted, with a way to see only their events. */
  const actorOf = (e: AuditEventRow) => (
    <>
      {e.actorName || (
        <Text as="span" color="fg.muted">
          System
        </Text>
      )}
      {e.actorId ? (
        <Button
          size="2xs"
          variant="plain"
          color="brand.fg"
          px="0"
          ms="1"
          onClick={() => filterBy({ actorId: e.actorId ?? '' })}
          aria-label={`Only theirs: ${e.actorName || 'this actor'}`}
        >
          only theirs
        </Button>
      ) : null}
    </>
  );
  const actionOf = (e: AuditEventRow) => (
    <Text as="span" whiteSpace="nowrap">
      {e.emergency ? (
        <Badge colorPalette="red" variant="solid" me="1">
          Emergency
        </Badge>
      ) : null}
      {e.action}
    </Text>
  );
  const entityOf = (e: AuditEventRow) =>
    e.entityId ? (
      <Button
        size="2xs"
        variant="plain"
        px="0"
        onClick={() => filterBy({ entityId: e.entityId ?? '' })}
        aria-label={`Only ${e.entityType} ${e.entityId}`}
      >
        <ShortId id={e.entityId} />
      </Button>
    ) : (
      <ShortId />
    );
  const patientOf = (e: AuditEventRow) =>
    e.patientId ? (
      <>
        {e.patientName ? <Text as="span">{e.patientName} </Text> : null}
        <Button
          size="2xs"
          variant="plain"
          px="0"
          onClick={() => filterBy({ patientId: e.patientId ?? '' })}
          aria-label={`Only patient ${e.patientId}`}
        >
          <ShortId id={e.patientId} />
        </Button>
      </>
    ) : (
      <ShortId />
    );

  const filtered = Object.values(applied).some(Boolean);
  const showIds = !narrow || idsAsked || Boolean(draft.patientId || draft.actorId || draft.entityId);

  return (
    <Stack gap="4">
      <PageHeader
        title="Audit trail"
        description="Who read or changed what, newest first. Emergency accesses are marked in red."
      />
      <Box asChild borderWidth="1px" borderRadius="l3" p="4" bg="bg.subtle">
        <form onSubmit={apply} noValidate aria-label="Audit filters" ref={filtersRef}>
          <Stack gap="3">
            <SimpleGrid columns={{ base: 1, md: 3, lg: 6 }} gap="3">
              <TextField
                label="Name"
                value={draft.name}
                onChange={set('name')}
                placeholder="Doctor or patient"
                helper="Who acted, or whose chart"
              />
              {showIds ? (
                <>
                  <TextField
                    label="Patient ID"
                    name="patientId"
                    value={draft.patientId}
                    onChange={set('patientId')}
                    error={problems.patientId}
                    placeholder="Any patient"
                  />
                  <TextField
                    label="Actor (user) ID"
                    value={draft.actorId}
                    onChange={set('actorId')}
                    error={problems.actorId}
                    placeholder="Anyone"
                  />
                  <TextField
                    label="Record ID"
                    value={draft.entityId}
                    onChange={set('entityId')}
                    error={problems.entityId}
                    placeholder="Anything"
                    helper="Who read or changed it"
                  />
                </>
              ) : null}
              <TextField label="From" type="date" value={draft.fromDay} onChange={set('fromDay')} />
              <TextField label="To" type="date" value={draft.toDay} onChange={set('toDay')} error={problems.toDay} />
            </SimpleGrid>
            <Stack direction="row" gap="2" wrap="wrap">
              <Button type="submit" size="sm" colorPalette="brand">
                Apply filters
              </Button>
              {showIds ? null : (
                <Button size="sm" variant="ghost" onClick={() => setIdsAsked(true)}>
                  Filter by ID…
                </Button>
              )}
              {filtered ? (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    setProblems({});
                    filterBy(EMPTY);
                  }}
                >
                  Clear
                </Button>
              ) : null}
            </Stack>
          </Stack>
        </form>
      </Box>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList label="Loading the audit trail…" />
      ) : events.length === 0 ? (
        <EmptyState title="No audit events" description={filtered ? 'Nothing matches these filters.' : undefined} />
      ) : (
        <>
          {narrow ? (
            // A phone: each event a card, nothing hidden off to the side of a table.
            <Stack as="ul" listStyleType="none" gap="2" p="0" m="0" aria-label="Audit events">
              {events.map((e) => (
                <Box
                  as="li"
                  key={e.id}
                  data-emergency={e.emergency || undefined}
                  borderWidth="1px"
                  borderRadius="l2"
                  p="3"
                  bg={e.emergency ? 'red.subtle' : 'bg'}
                  borderStartWidth={e.emergency ? '4px' : undefined}
                  borderStartColor={e.emergency ? 'red.solid' : undefined}
                >
                  <Flex justify="space-between" gap="2" wrap="wrap" fontSize="sm">
                    <Text fontWeight="medium">{formatDateTime(e.at, zone)}</Text>
                    <Text>{e.actorRole ? e.actorRole.toLowerCase() : '—'}</Text>
                  </Flex>
                  <Box mt="1">{actorOf(e)}</Box>
                  <Flex gap="2" align="center" wrap="wrap" mt="1">
                    {actionOf(e)}
                    <Text as="span">{e.entityType}</Text>
                    {entityOf(e)}
                  </Flex>
                  {e.patientId ? (
                    <Flex gap="1" align="center" wrap="wrap" mt="1" fontSize="sm">
                      <Text as="span" color="fg.muted">
                        Chart of
                      </Text>
                      {patientOf(e)}
                    </Flex>
                  ) : null}
                  {e.reason ? (
                    <Text fontSize="sm" mt="1">
                      {e.reason}
                    </Text>
                  ) : null}
                </Box>
              ))}
            </Stack>
          ) : (
            <Box overflowX="auto" borderWidth="1px" borderRadius="l3">
              <Table.Root size="sm">
                <Table.Header>
                  <Table.Row>
                    <Table.ColumnHeader>At</Table.ColumnHeader>
                    <Table.ColumnHeader>Actor</Table.ColumnHeader>
                    <Table.ColumnHeader>Role</Table.ColumnHeader>
                    <Table.ColumnHeader>Action</Table.ColumnHeader>
                    <Table.ColumnHeader>Entity</Table.ColumnHeader>
                    <Table.ColumnHeader>Entity ID</Table.ColumnHeader>
                    <Table.ColumnHeader>Patient</Table.ColumnHeader>
                    <Table.ColumnHeader>Reason</Table.ColumnHeader>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {events.map((e) => (
                    <Table.Row
                      key={e.id}
                      data-emergency={e.emergency || undefined}
                      bg={e.emergency ? 'red.subtle' : undefined}
                      borderStartWidth={e.emergency ? '4px' : undefined}
                      borderStartColor={e.emergency ? 'red.solid' : undefined}
                    >
                      <Table.Cell whiteSpace="nowrap">{formatDateTime(e.at, zone)}</Table.Cell>
                      <Table.Cell minW="40">{actorOf(e)}</Table.Cell>
                      <Table.Cell>{e.actorRole ? e.actorRole.toLowerCase() : '—'}</Table.Cell>
                      <Table.Cell whiteSpace="nowrap">{actionOf(e)}</Table.Cell>
                      <Table.Cell>{e.entityType}</Table.Cell>
                      <Table.Cell>{entityOf(e)}</Table.Cell>
                      <Table.Cell minW={e.patientName ? '40' : undefined}>{patientOf(e)}</Table.Cell>
                      <Table.Cell minW="48">{e.reason ?? ''}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table.Root>
            </Box>
          )}
          <LoadMore count={events.length} noun="event" hasNextPage={pageInfo?.hasNextPage} more={more} />
        </>
      )}
    </Stack>
  );
}
