import { useMutation, useQuery } from '@apollo/client/react';
import {
  Button,
  Checkbox,
  Field,
  Flex,
  Heading,
  Input,
  Link,
  NativeSelect,
  Stack,
  Text,
  Textarea,
} from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import type { AppointmentType } from '../../gql/graphql';
import { formatCalendarDate, formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { errorCode, errorReason, plainMessage } from '../../shared/graphql-errors';
import { ErrorState, LoadingList } from '../../shared/ui';
import { REASON_MAX } from '../booking/BookingPage';
import { BookingSteps, useBookingSteps } from '../booking/BookingSteps';
import { doctorName } from '../doctors/DoctorName';
import { AdminPatientQuery, AdminPatientsQuery } from '../admin/operations';
import { FrontDeskConfirmMutation } from './operations';
import { useFrontDeskActions, usePatientBusyTimes } from './useFrontDesk';
import { HoldNotice } from '../waitlist/HoldNotice';
import { useSlotHold } from '../waitlist/useSlotHold';
import { useDebounced } from '../../shared/useDebounced';
import { APPOINTMENT_TYPE_LABEL } from '../../shared/appointment-type';

/** Step 1: find the patient by name, email or phone (or arrive with one from their page). */
function PatientStep({
  patientId,
  onPick,
}: {
  patientId: string | undefined;
  onPick: (id: string | undefined) => void;
}) {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim());
  const picked = useQuery(AdminPatientQuery, { variables: { id: patientId ?? '' }, skip: !patientId });
  const found = useQuery(AdminPatientsQuery, {
    variables: { search: settled, first: 8 },
    skip: Boolean(patientId) || settled.length < 2,
  });

  if (patientId) {
    const patient = picked.data?.patient;
    return (
      <Stack gap="2">
        <Text fontWeight="semibold" fontSize="lg" as="h2">
          1. Patient
        </Text>
        {picked.error ? (
          <ErrorState error={picked.error} onRetry={() => void picked.refetch()} />
        ) : !patient ? (
          <LoadingList rows={1} label="Loading the patient…" />
        ) : (
          <Flex gap="3" align="center" wrap="wrap" borderWidth="1px" borderRadius="l2" p="3" bg="bg.subtle">
            <Stack gap="0" flex="1" minW="0">
              <Text fontWeight="semibold" data-testid="picked-patient">
                {patient.firstName} {patient.lastName}
              </Text>
              <Text fontSize="sm" color="fg.muted">
                Born {formatCalendarDate(patient.dateOfBirth)} · {patient.email}
                {patient.phone ? ` · ${patient.phone}` : ''}
              </Text>
            </Stack>
            <Button size="sm" variant="outline" onClick={() => onPick(undefined)}>
              Change patient
            </Button>
          </Flex>
        )}
      </Stack>
    );
  }

  const results = found.data?.patients.edges.map((edge) => edge.node) ?? [];
  return (
    <Stack gap="3">
      <Field.Root>
        <Field.Label fontWeight="semibold" fontSize="lg">
          1. Find the patient
        </Field.Label>
        <Input
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Name, email or phone"
          maxW="md"
          autoFocus
        />
        <Field.HelperText>At least two letters.</Field.HelperText>
      </Field.Root>
      {found.error ? (
        <ErrorState error={found.error} onRetry={() => void found.refetch()} />
      ) : settled.length >= 2 && found.loading && !found.data ? (
        <LoadingList rows={2} label="Searching…" />
      ) : settled.length >= 2 && results.length === 0 && found.data ? (
        <Text color="fg.muted">No patient matches “{settled}”.</Text>
      ) : (
        <Stack as="ul" listStyleType="none" gap="2" aria-label="Matching patients">
          {results.map((patient) => (
            <Flex as="li" key={patient.id} gap="3" align="center" borderWidth="1px" borderRadius="l2" p="3" wrap="wrap">
              <Stack gap="0" flex="1" minW="0">
                <Text fontWeight="medium">
                  {patient.firstName} {patient.lastName}
                  {patient.active ? '' : ' (deactivated)'}
                </Text>
                <Text fontSize="sm" color="fg.muted" truncate>
                  Born {formatCalendarDate(patient.dateOfBirth)} · {patient.email}
                </Text>
              </Stack>
              <Button
                size="sm"
                colorPalette="brand"
                disabled={!patient.active}
                onClick={() => onPick(patient.id)}
                aria-label={`Choose ${patient.firstName} ${patient.lastName}`}
              >
                Choose
              </Button>
            </Flex>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/**
 * `/admin/appointments/new`: the front desk books for a patient: find the patient, choose a
 * specialty and doctor (or the first free time of any doctor of it), a day and time, then book.
 */
export function FrontDeskBookingPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const patientId = params.get('patientId') ?? undefined;
  const [type, setType] = useState<AppointmentType>('REGULAR');
  const [reason, setReason] = useState('');
  const [confirmNow, setConfirmNow] = useState(true);
  const [problem, setProblem] = useState<string>();
  // Times the patient already has an appointment are not offered.
  const busy = usePatientBusyTimes(patientId);
  const steps = useBookingSteps({ onChange: () => setProblem(undefined), busy });
  const { doctor, slot } = steps;
  // The picked time is held for the patient while the desk fills in the rest (a call can take a while).
  const hold = useSlotHold(doctor?.id, slot, patientId);
  const actions = useFrontDeskActions();
  const [confirm, confirming] = useMutation(FrontDeskConfirmMutation);
  const viewerZone = viewerTimeZone();

  const pickPatient = (id: string | undefined) => {
    const next = new URLSearchParams(params);
    if (id) {
      next.set('patientId', id);
    } else {
      next.delete('patientId');
    }
    setParams(next, { replace: true });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    if (!patientId) {
      setProblem('Choose the patient first.');
      return;
    }
    if (!doctor || !slot) {
      setProblem('Choose a day and a time first.');
      return;
    }
    if (reason.length > REASON_MAX) {
      setProblem(`Keep the reason under ${REASON_MAX} characters.`);
      return;
    }
    try {
      const booked = await actions.book({
        patientId,
        doctorId: doctor.id,
        startsAt: slot,
        type,
        reason: reason.trim() || null,
        ...(hold.kind === 'held' ? { holdId: hold.hold.id } : {}),
      });
      const id = booked.data?.bookAppointment.id;
      // The booking stands even if confirming it fails: say so rather than offer to book twice.
      const confirmed =
        confirmNow && id
          ? await confirm({ variables: { id } }).then(
              () => true,
              () => false,
            )
          : false;
      const what = `${doctorName(doctor)}, ${formatDateTime(slot, viewerZone, doctor.timezone)}`;
      void navigate(`/admin/patients/${patientId}`, {
        state: {
          booked: confirmed
            ? `Booked and confirmed: ${what}.`
            : `Booked: ${what}. It waits for the doctor's confirmation.`,
        },
      });
    } catch (caught) {
      if (errorReason(caught) === 'PATIENT_BUSY') {
        setProblem('The patient already has an appointment at this time. Please choose another one.');
      } else if (errorCode(caught) === 'CONFLICT') {
        setProblem('Someone has just booked this time. Please choose another one.');
        steps.slotTaken();
      } else {
        setProblem(plainMessage(caught));
      }
    }
  };

  return (
    <Stack gap="8">
      <Stack gap="1">
        <Link asChild color="brand.fg" fontSize="sm">
          <RouterLink to={patientId ? `/admin/patients/${patientId}` : '/admin/appointments'}>← Back</RouterLink>
        </Link>
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Book an appointment
        </Heading>
        <Text color="fg.muted">For a patient at the desk or on the phone.</Text>
      </Stack>

      <PatientStep patientId={patientId} onPick={pickPatient} />

      {patientId ? (
        <BookingSteps
          steps={steps}
          first={2}
          confirmTitle="Book"
          problem={problem}
          submitting={actions.booking || confirming.loading}
          onSubmit={(e) => void onSubmit(e)}
        >
          <HoldNotice state={hold} holder="the patient" />
          <Field.Root>
            <Field.Label>Kind of visit</Field.Label>
            <NativeSelect.Root maxW="xs">
              <NativeSelect.Field value={type} onChange={(e) => setType(e.target.value as AppointmentType)}>
                {Object.entries(APPOINTMENT_TYPE_LABEL).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </NativeSelect.Field>
              <NativeSelect.Indicator />
            </NativeSelect.Root>
          </Field.Root>
          <Field.Root>
            <Field.Label>Reason for the visit (optional, in the patient’s words)</Field.Label>
            <Textarea value={reason} rows={2} maxLength={REASON_MAX + 50} onChange={(e) => setReason(e.target.value)} />
            <Field.HelperText>Only the doctor reads it; it is not shown here again.</Field.HelperText>
          </Field.Root>
          <Checkbox.Root checked={confirmNow} onCheckedChange={(details) => setConfirmNow(details.checked === true)}>
            <Checkbox.HiddenInput />
            <Checkbox.Control />
            <Checkbox.Label>Confirm it now (the patient agreed to this time)</Checkbox.Label>
          </Checkbox.Root>
        </BookingSteps>
      ) : null}
    </Stack>
  );
}
