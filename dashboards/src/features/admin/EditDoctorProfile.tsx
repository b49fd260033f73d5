import { useMutation } from '@apollo/client/react';
import { Alert, Button, HStack, Stack, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { getFragmentData, type FragmentType } from '../../gql';
import type { DoctorProfileFragment as DoctorProfile, UpdateDoctorInput } from '../../gql/graphql';
import { errorReason, fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { focusFirstInvalid, useFormOnDemand } from '../../shared/ui';
import { decimalInput } from '../billing/money';
import { AffectedAppointments, useAffectedRefusal } from '../availability/AffectedAppointments';
import { BY_ADMINISTRATOR } from '../availability/manager';
import { validateDoctorProfile, type DoctorProfileValues } from './create-doctor-validation';
import { qualificationList } from '../doctors/qualifications';
import { DoctorProfileFields, useDepartmentChoices } from './DoctorProfileFields';
import { doctorName } from '../doctors/DoctorName';
import { DoctorProfileFragment } from '../doctors/operations';
import { AdminUpdateDoctorMutation } from './operations';

/** The profile as the doctor's page has it. */
export type EditableDoctor = DoctorProfile;

function valuesOf(doctor: EditableDoctor): DoctorProfileValues {
  return {
    firstName: doctor.firstName,
    lastName: doctor.lastName,
    specialization: doctor.specialization,
    licenseNumber: doctor.licenseNumber,
    timezone: doctor.timezone,
    departmentId: doctor.department?.id ?? '',
    consultationFee: doctor.fee?.amount ?? '',
    bio: doctor.bio ?? '',
    qualifications: doctor.qualifications.join(', '),
  };
}

/**
 * The changes to send: only the fields that differ from the profile as read (the API leaves the
 * others as they are). The fee goes in the department's hospital's currency, and again when the
 * doctor moves to a hospital of another currency; an emptied fee or bio is cleared.
 */
export function profileChanges(
  doctor: EditableDoctor,
  values: DoctorProfileValues,
  currency: string | undefined,
): UpdateDoctorInput {
  const before = valuesOf(doctor);
  const input: UpdateDoctorInput = {};
  for (const name of [
    'firstName',
    'lastName',
    'specialization',
    'licenseNumber',
    'timezone',
    'departmentId',
  ] as const) {
    if (values[name].trim() !== before[name]) {
      input[name] = values[name].trim();
    }
  }
  const amount = decimalInput(values.consultationFee);
  const sameAmount =
    amount !== undefined && before.consultationFee !== '' && Number(amount) === Number(before.consultationFee);
  if (values.consultationFee.trim() === '') {
    if (doctor.fee) {
      input.fee = null;
    }
  } else if (amount !== undefined && currency && (!sameAmount || currency !== doctor.fee?.currency)) {
    input.fee = { amount, currency };
  }
  if (values.bio.trim() !== before.bio.trim()) {
    input.bio = values.bio.trim() || null;
  }
  const qualifications = qualificationList(values.qualifications);
  if (qualifications.join('\n') !== doctor.qualifications.join('\n')) {
    input.qualifications = qualifications;
  }
  return input;
}

/**
 * "Edit profile" on a doctor's page: the administrator changes any of it in place. Moving the
 * doctor to a time zone where booked visits would fall outside their hours lists those visits to
 * cancel or move first, then saves.
 */
export function EditDoctorProfile({ doctor: profile }: { doctor: FragmentType<typeof DoctorProfileFragment> }) {
  const doctor = getFragmentData(DoctorProfileFragment, profile);
  const name = doctorName(doctor);
  const { open, show, close, formRef, buttonRef } = useFormOnDemand();
  const [values, setValues] = useState<DoctorProfileValues>(() => valuesOf(doctor));
  const [clientErrors, setClientErrors] = useState<Partial<Record<keyof DoctorProfileValues, string>>>({});
  const [saved, setSaved] = useState(false);
  const affected = useAffectedRefusal<string>();
  const [update, { loading, error, reset }] = useMutation(AdminUpdateDoctorMutation);
  const departments = useDepartmentChoices({ skip: !open });
  const hospital = departments.find((department) => department.value === values.departmentId)?.hospital;
  // The chosen department's hospital's; while the hospitals are still being read, the fee's own.
  const currency =
    hospital?.currency ?? (values.departmentId === doctor.department?.id ? doctor.fee?.currency : undefined);
  const serverErrors = fieldErrors(error, { by: 'path' });
  const errorFor = (field: keyof DoctorProfileValues) =>
    clientErrors[field] ?? serverErrors[field === 'consultationFee' ? 'fee.amount' : field];
  const set = (field: keyof DoctorProfileValues) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setClientErrors((current) => ({ ...current, [field]: undefined }));
  };
  const field = (key: keyof DoctorProfileValues) => ({ value: values[key], onChange: set(key), error: errorFor(key) });

  const begin = () => {
    setValues(valuesOf(doctor));
    setClientErrors({});
    setSaved(false);
    reset();
    affected.clear();
    show();
  };
  const finish = () => {
    affected.clear();
    close();
  };

  async function save() {
    const input = profileChanges(doctor, values, currency);
    if (Object.keys(input).length === 0) {
      finish();
      return;
    }
    try {
      await update({
        variables: { id: doctor.id, input },
        // Visits outside the weekly hours are read in the doctor's zone: read again after a move.
        refetchQueries: input.timezone ? ['AdminDoctor'] : [],
        awaitRefetchQueries: true,
      });
      setSaved(true);
      finish();
    } catch (caught) {
      if (input.timezone && affected.refused(caught, input.timezone)) {
        return;
      }
      // Shown from `error` below and next to the fields.
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    const problems = validateDoctorProfile(values);
    if (!problems.consultationFee && values.consultationFee.trim() && !currency) {
      problems.consultationFee = 'Choose the department first: the fee is in its hospital’s currency.';
    }
    setClientErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    void save();
  }

  if (!open) {
    return (
      <HStack gap="3" wrap="wrap">
        <Button ref={buttonRef} variant="outline" size="sm" onClick={begin}>
          Edit profile
        </Button>
        <Text role="status" color="fg.success" fontSize="sm">
          {saved ? 'Profile saved.' : ''}
        </Text>
      </HStack>
    );
  }
  const refusedOther = error && errorReason(error) !== 'APPOINTMENTS_AFFECTED';
  return (
    <Stack gap="4" borderWidth="1px" borderRadius="l3" p="4" bg="bg">
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={`Edit the profile of ${name}`}>
        <Stack gap="5">
          {refusedOther ? (
            <Alert.Root status="error" borderRadius="l3">
              <Alert.Indicator />
              <Alert.Title>{plainMessage(error)}</Alert.Title>
            </Alert.Root>
          ) : null}
          <DoctorProfileFields
            field={field}
            departments={departments}
            departmentId={values.departmentId}
            onDepartmentChange={set('departmentId')}
            currency={currency}
            zoneHelper="The weekly hours stay at the same local times, in the new zone."
          />
          <HStack gap="3" justify="flex-end">
            <Button variant="outline" onClick={finish}>
              Cancel
            </Button>
            <Button type="submit" colorPalette="brand" loading={loading}>
              Save changes
            </Button>
          </HStack>
        </Stack>
      </form>
      {affected.refusal ? (
        <AffectedAppointments
          refusal={affected.refusal}
          change={{ doctorId: doctor.id, timezone: affected.refusal.change }}
          doctorZone={doctor.timezone}
          what={`In ${affected.refusal.change.replace(/_/g, ' ')}, ${name}'s weekly hours leave out booked appointments.`}
          onResolved={save}
          onCancel={affected.clear}
          manager={BY_ADMINISTRATOR}
        />
      ) : null}
    </Stack>
  );
}
