import type { ApolloCache } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Box, Button, Flex, Heading, Stack, Text, VisuallyHidden } from '@chakra-ui/react';
import { useId, useState } from 'react';
import { getFragmentData, type FragmentType } from '../../gql';
import type { MedicalHistoryPart } from '../../gql/graphql';
import { formatCalendarDate, formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LabelBadge, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { DoctorNameFragment, doctorName } from '../doctors/DoctorName';
import { HistoryChangeItemFragment, PatientHistoryChangesQuery } from './operations';

/** Who reads the changes: the patient themself ("You") or a doctor in their chart ("The patient"). */
export type HistoryReader = 'patient' | 'doctor';

/** Each part as the history's forms and the chart name it. */
const HISTORY_PART_LABEL: Readonly<Record<MedicalHistoryPart, string>> = {
  BLOOD_GROUP: 'Blood group',
  ALLERGIES: 'Allergies',
  CHRONIC_CONDITIONS: 'Chronic conditions',
  CURRENT_MEDICATIONS: 'Current medications',
  SURGERIES: 'Surgeries',
  FAMILY_HISTORY: 'Family history',
};

/**
 * After a change of the patient's medical history (`updatePatient`): the changes read before are
 * out of date. An open list reads them again at once, a closed one when next opened.
 */
export function forgetHistoryChanges(cache: ApolloCache, patientId: string | undefined) {
  if (patientId) {
    cache.evict({ id: cache.identify({ __typename: 'Patient', id: patientId }), fieldName: 'medicalHistoryChanges' });
  }
}

/**
 * A collapsible "Changes to the medical history": its title and "Show changes"; the changes are
 * read (and the read audited) only once it is opened.
 */
export function HistoryChangesSection({
  patientId,
  reader,
  title = reader === 'patient' ? 'Changes to your medical history' : 'Changes to the medical history',
}: {
  patientId: string;
  reader: HistoryReader;
  title?: string;
}) {
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const listId = useId();
  return (
    <Stack as="section" gap="3" aria-labelledby={headingId} minW="0">
      <Flex justify="space-between" align="center" wrap="wrap" gap="2">
        <Heading as="h2" size="md" id={headingId}>
          {title}
        </Heading>
        <Button
          size="sm"
          variant="outline"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((current) => !current)}
        >
          {open ? 'Hide changes' : 'Show changes'}
        </Button>
      </Flex>
      <Box id={listId} hidden={!open}>
        {open ? <HistoryChanges patientId={patientId} reader={reader} /> : null}
      </Box>
    </Stack>
  );
}

/**
 * A patient's medical history changes, newest first, as people read them: when, who, which part,
 * and the entries added and removed; older ones on "Load more".
 */
export function HistoryChanges({ patientId, reader }: { patientId: string; reader: HistoryReader }) {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(PatientHistoryChangesQuery, {
    variables: { id: patientId },
  });
  const connection = data?.patient?.medicalHistoryChanges;
  const more = useLoadMore(connection?.pageInfo, fetchMore, networkStatus);
  if (error && !connection) {
    return <ErrorState error={error} title="The changes did not load" onRetry={() => void refetch()} />;
  }
  if (loading && !connection) {
    return <LoadingList rows={2} label="Loading the changes…" />;
  }
  const changes = connection?.edges.map((edge) => edge.node) ?? [];
  if (changes.length === 0) {
    return (
      <EmptyState
        title="No changes yet"
        description={
          reader === 'patient'
            ? 'When you or your doctor change your medical history, each change shows here.'
            : 'When the patient or a doctor changes the medical history, each change shows here.'
        }
      />
    );
  }
  return (
    <Stack gap="3">
      <Stack as="ol" listStyleType="none" gap="2" aria-label="Changes">
        {changes.map((change) => (
          <HistoryChangeItem key={change.id} change={change} reader={reader} />
        ))}
      </Stack>
      <LoadMore
        count={changes.length}
        total={connection?.totalCount}
        noun="change"
        hasNextPage={connection?.pageInfo.hasNextPage}
        more={more}
      />
    </Stack>
  );
}

/** "Appendectomy (2019-05-02): laparoscopic" as the chart writes a surgery: "Appendectomy (2 May 2019): …". */
function entryText(part: MedicalHistoryPart, entry: string): string {
  return part === 'SURGERIES'
    ? entry.replace(/\((\d{4}-\d{2}-\d{2})\)/, (_, day: string) => `(${formatCalendarDate(day)})`)
    : entry;
}

function HistoryChangeItem({
  change: ref,
  reader,
}: {
  change: FragmentType<typeof HistoryChangeItemFragment>;
  reader: HistoryReader;
}) {
  const change = getFragmentData(HistoryChangeItemFragment, ref);
  const who = change.byPatient
    ? reader === 'patient'
      ? 'You'
      : 'The patient'
    : change.doctor
      ? doctorName(getFragmentData(DoctorNameFragment, change.doctor))
      : 'A doctor';
  const part = HISTORY_PART_LABEL[change.part];
  return (
    <Box as="li" borderWidth="1px" borderRadius="l2" bg="bg" p="3" minW="0" overflowWrap="anywhere">
      <Flex justify="space-between" align="baseline" wrap="wrap" columnGap="3" rowGap="0.5">
        <Heading as="h3" size="sm">
          {part}
        </Heading>
        <Text fontSize="sm" color="fg.muted">
          <time dateTime={change.changedAt}>{formatDateTime(change.changedAt, viewerTimeZone())}</time>
        </Text>
      </Flex>
      <Flex align="center" wrap="wrap" gap="2" fontSize="sm" color="fg.muted" mb="2">
        <Text>
          <VisuallyHidden>Changed by </VisuallyHidden>
          {who}
        </Text>
        {change.emergency ? <LabelBadge label="Emergency access" palette="orange" size="sm" /> : null}
      </Flex>
      {change.part === 'BLOOD_GROUP' ? (
        <BloodGroupChange before={change.before[0]} after={change.after[0]} />
      ) : (
        <EntryChanges
          added={change.added.map((entry) => entryText(change.part, entry))}
          removed={change.removed.map((entry) => entryText(change.part, entry))}
        />
      )}
    </Box>
  );
}

/** A blood group as it changed: "O+ → A+", "Set to O+", "Removed (was O+)". */
function BloodGroupChange({ before, after }: { before: string | undefined; after: string | undefined }) {
  if (before && after) {
    return (
      <Text>
        {before} <span aria-hidden="true">→</span>
        <VisuallyHidden>changed to</VisuallyHidden> {after}
      </Text>
    );
  }
  if (after) {
    return <Text>Set to {after}</Text>;
  }
  return <Text>Removed{before ? ` (was ${before})` : ''}</Text>;
}

/**
 * The entries a change added ("+ Amoxicillin", green) and removed ("− Penicillin", red and struck
 * through); the signs and the words read aloud say it without the colour.
 */
function EntryChanges({ added, removed }: { added: readonly string[]; removed: readonly string[] }) {
  if (added.length === 0 && removed.length === 0) {
    return (
      <Text fontSize="sm" color="fg.muted">
        No entries added or removed.
      </Text>
    );
  }
  return (
    <Stack as="ul" listStyleType="none" gap="1" fontSize="sm">
      {added.map((entry, index) => (
        <EntryLine key={`added-${index}`} entry={entry} how={ADDED} />
      ))}
      {removed.map((entry, index) => (
        <EntryLine key={`removed-${index}`} entry={entry} how={REMOVED} />
      ))}
    </Stack>
  );
}

const ADDED = { sign: '+', word: 'Added', color: 'green.fg', struck: false } as const;
const REMOVED = { sign: '−', word: 'Removed', color: 'red.fg', struck: true } as const;

/** One entry added or removed: its sign and colour shown, its word read aloud. */
function EntryLine({ entry, how }: { entry: string; how: typeof ADDED | typeof REMOVED }) {
  return (
    <Flex as="li" gap="2" align="baseline" color={how.color}>
      <Text as="span" aria-hidden="true" fontWeight="bold" flexShrink={0}>
        {how.sign}
      </Text>
      <Text as="span" minW="0">
        <VisuallyHidden>{how.word}: </VisuallyHidden>
        {how.struck ? <Text as="s">{entry}</Text> : entry}
      </Text>
    </Flex>
  );
}
