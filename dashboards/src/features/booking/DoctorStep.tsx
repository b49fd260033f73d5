import { Button, chakra, Field, Input, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { doctorName } from '../doctors/DoctorName';
import type { BookingDoctor, SpecialtyDoctors } from './BookingSteps';
import { ChoiceGroup } from './ChoiceGroup';
import { FirstAvailable } from './FirstAvailable';
import { formatMoney } from '../billing/money';

const INTRODUCTION_LENGTH = 160;

/** Whether a doctor's introduction is longer than the choice shows ({@link introduction}). */
export function isShortened(bio: string): boolean {
  return bio.trim().replace(/\s+/g, ' ').length > INTRODUCTION_LENGTH;
}

/** The start of a doctor's introduction, cut at a word: the choice stays short to read and to hear. */
export function introduction(bio: string): string {
  const text = bio.trim().replace(/\s+/g, ' ');
  if (!isShortened(text)) {
    return text;
  }
  const cut = text.slice(0, INTRODUCTION_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > INTRODUCTION_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/**
 * The "choose a doctor" step of a booking, the patient's and the front desk's alike: a specialty's
 * doctors with their next free time (a page at a time, how many in all, and a name search when
 * there are more than a page), or the first free time across all of them. `onChoose` gets the
 * doctor, and the time when "first available" picked one.
 */
export function DoctorStep({
  legend,
  specialization,
  doctors,
  search,
  onSearch,
  doctorId,
  showFee = false,
  onChoose,
}: {
  legend: string;
  specialization: string;
  doctors: SpecialtyDoctors;
  search: string;
  onSearch: (search: string) => void;
  doctorId: string | undefined;
  showFee?: boolean;
  onChoose: (doctor: BookingDoctor, startsAt?: string) => void;
}) {
  const [firstAvailable, setFirstAvailable] = useState(false);
  const viewerZone = viewerTimeZone();
  const list = doctors.doctors;
  const searchable = search !== '' || Boolean(doctors.hasNextPage) || (doctors.totalCount ?? 0) > doctors.pageSize;
  return (
    <>
      {searchable ? (
        <Field.Root maxW="md">
          <Field.Label>Find a {specialization} doctor by name</Field.Label>
          <Input
            type="search"
            value={search}
            onChange={(event) => onSearch(event.target.value)}
            placeholder="e.g. Reyes"
          />
        </Field.Root>
      ) : null}
      {doctors.loading ? (
        <LoadingList rows={2} label="Loading doctors…" />
      ) : doctors.error ? (
        <ErrorState error={doctors.error} title="The doctors did not load" onRetry={() => void doctors.refetch()} />
      ) : list.length === 0 ? (
        <Text color="fg.muted" role="status">
          {search.trim()
            ? `No ${specialization} doctor’s name matches “${search.trim()}”.`
            : `No ${specialization} doctors take bookings at the moment.`}
        </Text>
      ) : (
        <Stack gap="2">
          <ChoiceGroup
            name="doctor"
            legend={legend}
            columns={{ base: 1, md: 2 }}
            value={doctorId}
            onChange={(value) => {
              const picked = list.find((d) => d.id === value);
              if (picked) {
                onChoose(picked);
              }
            }}
            choices={list.map((d) => ({
              value: d.id,
              label: doctorName(d),
              detail: (
                <>
                  {d.qualifications.length > 0 ? (
                    <chakra.span display="block">{d.qualifications.join(', ')}</chakra.span>
                  ) : null}
                  {showFee && d.fee ? `Fee ${formatMoney(d.fee)} · ` : ''}
                  {d.nextAvailableSlot
                    ? `Next free: ${formatDateTime(d.nextAvailableSlot.startsAt, viewerZone, d.timezone)}`
                    : 'No free times in the next month'}
                  {d.bio ? (
                    <chakra.span display="block" mt="1" color="fg">
                      {introduction(d.bio)}
                    </chakra.span>
                  ) : null}
                </>
              ),
            }))}
          />
          {doctors.hasNextPage || (doctors.totalCount ?? 0) > list.length ? (
            <LoadMore
              count={list.length}
              total={doctors.totalCount}
              noun={`${specialization} doctor`}
              hasNextPage={doctors.hasNextPage}
              more={doctors.more}
            />
          ) : null}
        </Stack>
      )}
      <Button
        size="sm"
        variant={firstAvailable ? 'solid' : 'outline'}
        alignSelf="flex-start"
        // A long specialty name wraps on a phone instead of running off the screen.
        whiteSpace="normal"
        height="auto"
        minH="8"
        py="1.5"
        textAlign="start"
        aria-pressed={firstAvailable}
        onClick={() => setFirstAvailable(!firstAvailable)}
      >
        First available, any {specialization} doctor
      </Button>
      {firstAvailable ? <FirstAvailable specialization={specialization} onPick={onChoose} /> : null}
    </>
  );
}
