import { useMutation } from '@apollo/client/react';
import {
  Alert,
  Button,
  Card,
  Field,
  Grid,
  Heading,
  HStack,
  IconButton,
  Input,
  NativeSelect,
  Stack,
  Text,
} from '@chakra-ui/react';
import { useId, useState } from 'react';
import type { AvailabilityRuleInput } from '../../gql/graphql';
import { plainMessage } from '../../shared/graphql-errors';
import { AffectedAppointments, useAffectedRefusal } from './AffectedAppointments';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { validateRules, WEEKDAYS, type RuleDraft } from './availability';
import type { HoursManager } from './manager';
import { SetAvailabilityMutation } from './operations';
import { fullName } from '../admin/ui';

/** Day, from, to, slot minutes, remove; on a phone: day, slot and remove, then from and to. */
const COLUMNS = { base: 'minmax(0, 1fr) minmax(0, 1fr) auto', md: '10rem 8rem 8rem 6rem 2.5rem' };

interface Rule {
  readonly id: string;
  readonly weekday: number;
  readonly startTime: string;
  readonly endTime: string;
  readonly slotMinutes: number;
}

interface OutsideAppointment {
  readonly id: string;
  readonly startsAt: string;
  readonly patient: { readonly firstName: string; readonly lastName: string };
}

let nextKey = 0;
const newKey = () => `rule-${++nextKey}`;

function toDrafts(rules: readonly Rule[]): RuleDraft[] {
  return [...rules]
    .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime))
    .map((r) => ({
      key: r.id,
      weekday: r.weekday,
      startTime: r.startTime,
      endTime: r.endTime,
      slotMinutes: r.slotMinutes,
    }));
}

export function AvailabilityEditor({
  doctorId,
  timezone,
  rules,
  outside,
  manager,
}: {
  doctorId: string;
  timezone: string;
  rules: readonly Rule[];
  outside: readonly OutsideAppointment[];
  manager: HoursManager;
}) {
  const own = manager.role === 'doctor';
  const headingId = useId();
  const [drafts, setDrafts] = useState<RuleDraft[]>(() => toDrafts(rules));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [save, { loading, error, reset }] = useMutation(SetAvailabilityMutation);
  // The new hours would leave booked appointments out: these are resolved first, then the hours are saved.
  const affected = useAffectedRefusal<AvailabilityRuleInput[]>();
  const blocked = affected.refusal;

  const update = (key: string, patch: Partial<RuleDraft>) => {
    setSaved(false);
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  };

  async function onSave() {
    reset();
    setSaved(false);
    const found = validateRules(drafts);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    await saveRules(
      drafts.map(({ weekday, startTime, endTime, slotMinutes }) => ({ weekday, startTime, endTime, slotMinutes })),
    );
  }

  async function saveRules(rules: AvailabilityRuleInput[]) {
    try {
      const result = await save({ variables: { doctorId, rules } });
      if (result.data) {
        affected.clear();
        setDrafts(toDrafts(result.data.setDoctorAvailability.availability));
        setSaved(true);
      }
    } catch (caught) {
      if (affected.refused(caught, rules)) {
        reset();
      }
      // Anything else is shown from `error`.
    }
  }

  return (
    <Card.Root as="section" aria-labelledby={headingId}>
      <Card.Header>
        <Heading as="h2" size="lg" id={headingId}>
          Weekly hours
        </Heading>
        <Text color="fg.muted" fontSize="sm">
          In {own ? 'your' : 'the doctor’s'} time zone ({timezone}).
        </Text>
      </Card.Header>
      <Card.Body gap="4">
        {error ? (
          <Alert.Root status="error">
            <Alert.Indicator />
            <Alert.Title>{plainMessage(error)}</Alert.Title>
          </Alert.Root>
        ) : null}
        {blocked ? (
          <AffectedAppointments
            refusal={blocked}
            change={{ doctorId, availability: blocked.change }}
            doctorZone={timezone}
            what="These hours leave out booked appointments."
            manager={manager}
            onResolved={() => saveRules(blocked.change)}
            onCancel={affected.clear}
          />
        ) : null}
        {drafts.length === 0 ? (
          <Text color="fg.muted">No weekly hours yet: patients cannot book {own ? 'you' : 'this doctor'}.</Text>
        ) : null}
        {drafts.length > 0 ? (
          // A row a line on a wide screen (with one header); on a phone each row is a small card
          // with its own labels, so nothing has to be scrolled sideways.
          <Stack gap="2">
            <Grid templateColumns={COLUMNS} gap="2" hideBelow="md" fontSize="sm" fontWeight="medium" aria-hidden>
              <Text>Day</Text>
              <Text>From</Text>
              <Text>To</Text>
              <Text>Slot (min)</Text>
            </Grid>
            <Stack as="ul" listStyleType="none" gap="2" m="0" p="0" aria-label="Weekly hours">
              {drafts.map((draft, index) => {
                const problem = problems[draft.key];
                const row = `row ${index + 1}`;
                return (
                  <Grid
                    as="li"
                    key={draft.key}
                    templateColumns={COLUMNS}
                    gap="2"
                    alignItems="start"
                    p={{ base: '2', md: '0' }}
                    borderWidth={{ base: '1px', md: '0' }}
                    borderRadius="l2"
                    bg={problem ? 'red.subtle' : undefined}
                  >
                    <Field.Root gridColumn="1" gridRow="1">
                      <Field.Label hideFrom="md">Day</Field.Label>
                      <NativeSelect.Root size="sm">
                        <NativeSelect.Field
                          aria-label={`Day, ${row}`}
                          value={draft.weekday}
                          onChange={(e) => update(draft.key, { weekday: Number(e.target.value) })}
                        >
                          {WEEKDAYS.map((day, i) => (
                            <option key={day} value={i + 1}>
                              {day}
                            </option>
                          ))}
                        </NativeSelect.Field>
                        <NativeSelect.Indicator />
                      </NativeSelect.Root>
                    </Field.Root>
                    <IconButton
                      size="sm"
                      variant="ghost"
                      gridColumn={{ base: '3', md: '5' }}
                      gridRow="1"
                      alignSelf={{ base: 'end', md: 'start' }}
                      justifySelf="end"
                      aria-label={`Remove ${row}`}
                      onClick={() => {
                        setSaved(false);
                        setDrafts((list) => list.filter((d) => d.key !== draft.key));
                      }}
                    >
                      ✕
                    </IconButton>
                    <Field.Root gridColumn={{ base: '1', md: '2' }} gridRow={{ base: '2', md: '1' }}>
                      <Field.Label hideFrom="md">From</Field.Label>
                      <Input
                        size="sm"
                        type="time"
                        aria-label={`From, ${row}`}
                        value={draft.startTime}
                        onChange={(e) => update(draft.key, { startTime: e.target.value })}
                      />
                    </Field.Root>
                    <Field.Root
                      invalid={Boolean(problem)}
                      gridColumn={{ base: '2 / 4', md: '3' }}
                      gridRow={{ base: '2', md: '1' }}
                    >
                      <Field.Label hideFrom="md">To</Field.Label>
                      <Input
                        size="sm"
                        type="time"
                        aria-label={`To, ${row}`}
                        value={draft.endTime}
                        onChange={(e) => update(draft.key, { endTime: e.target.value })}
                      />
                      {problem ? <Field.ErrorText>{problem}</Field.ErrorText> : null}
                    </Field.Root>
                    <Field.Root gridColumn={{ base: '2', md: '4' }} gridRow="1">
                      <Field.Label hideFrom="md">Slot (min)</Field.Label>
                      <Input
                        size="sm"
                        type="number"
                        min={5}
                        step={5}
                        aria-label={`Slot minutes, ${row}`}
                        value={draft.slotMinutes}
                        onChange={(e) => update(draft.key, { slotMinutes: Number(e.target.value) })}
                      />
                    </Field.Root>
                  </Grid>
                );
              })}
            </Stack>
          </Stack>
        ) : null}
        <HStack gap="3" flexWrap="wrap">
          <Button
            variant="outline"
            size="sm"
            onClick={() => {
              setSaved(false);
              const last = drafts[drafts.length - 1];
              setDrafts((list) => [
                ...list,
                {
                  key: newKey(),
                  weekday: last ? Math.min(7, last.weekday + 1) : 1,
                  startTime: '09:00',
                  endTime: '17:00',
                  slotMinutes: last?.slotMinutes ?? 30,
                },
              ]);
            }}
          >
            Add hours
          </Button>
          <Button size="sm" colorPalette="brand" loading={loading} onClick={() => void onSave()}>
            Save weekly hours
          </Button>
          {saved ? (
            <Text role="status" color="green.fg" fontSize="sm">
              Saved.
            </Text>
          ) : null}
        </HStack>
        {outside.length > 0 ? (
          <Alert.Root status="warning" alignItems="flex-start" data-testid="outside-availability">
            <Alert.Indicator />
            <Alert.Content>
              <Alert.Title>Kept, outside the new hours</Alert.Title>
              <Alert.Description>
                <Stack as="ul" gap="1" mt="1" ps="4" listStyleType="disc">
                  {outside.map((a) => (
                    <li key={a.id}>
                      {formatDateTime(a.startsAt, viewerTimeZone(), timezone)} — {fullName(a.patient)}
                    </li>
                  ))}
                </Stack>
              </Alert.Description>
            </Alert.Content>
          </Alert.Root>
        ) : null}
      </Card.Body>
    </Card.Root>
  );
}
