import { useMutation } from '@apollo/client/react';
import { Alert, Button, HStack, Stack } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { EMPTY_DOCTOR_FORM, validateDoctorForm, type DoctorFormValues } from './create-doctor-validation';
import { decimalInput } from '../billing/money';
import { AdminCreateDoctorMutation } from './operations';
import { qualificationList } from '../doctors/qualifications';
import { DoctorProfileFields, useDepartmentChoices } from './DoctorProfileFields';
import { COMMON_TIME_ZONES } from './time-zones';
import { PageHeader } from './ui';
import { focusFirstInvalid, TextField } from '../../shared/ui';

const ZONE_VALUES = new Set<string>(COMMON_TIME_ZONES);

export function NewDoctorPage() {
  const navigate = useNavigate();
  const [values, setValues] = useState<DoctorFormValues>(EMPTY_DOCTOR_FORM);
  const [clientErrors, setClientErrors] = useState<Partial<Record<keyof DoctorFormValues, string>>>({});
  const [createDoctor, { loading, error, reset }] = useMutation(AdminCreateDoctorMutation, {
    update(cache) {
      // The lists of doctors are stale now; they refetch when next shown.
      cache.evict({ fieldName: 'doctors' });
      cache.gc();
    },
  });
  const serverErrors = fieldErrors(error, { by: 'path' });
  /** The server names the fee's amount where the form has one field for it. */
  const serverName = (name: keyof DoctorFormValues) => (name === 'consultationFee' ? 'fee.amount' : name);
  const errorFor = (name: keyof DoctorFormValues) => clientErrors[name] ?? serverErrors[serverName(name)];
  // Where the doctor works: "City General Hospital · Cardiology"; the only one chosen for the admin.
  const departments = useDepartmentChoices();
  const departmentId = values.departmentId || (departments.length === 1 ? departments[0]!.value : '');
  const hospital = departments.find((department) => department.value === departmentId)?.hospital;

  const set = (name: keyof DoctorFormValues) => (value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    if (clientErrors[name]) {
      setClientErrors((e) => ({ ...e, [name]: undefined }));
    }
  };
  /** The value, change handler and error of one field. */
  const field = (name: keyof DoctorFormValues) => ({ value: values[name], onChange: set(name), error: errorFor(name) });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    reset();
    const problems = validateDoctorForm({ ...values, departmentId });
    setClientErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    try {
      const result = await createDoctor({
        variables: {
          input: {
            email: values.email.trim(),
            password: values.password,
            firstName: values.firstName.trim(),
            lastName: values.lastName.trim(),
            specialization: values.specialization.trim(),
            licenseNumber: values.licenseNumber.trim(),
            timezone: values.timezone,
            departmentId,
            // Exact, in the department's hospital's currency (not the deprecated float).
            fee:
              hospital && values.consultationFee.trim()
                ? { amount: decimalInput(values.consultationFee)!, currency: hospital.currency }
                : null,
            bio: values.bio.trim() || null,
            qualifications: qualificationList(values.qualifications),
          },
        },
      });
      const id = result.data?.createDoctor.id;
      if (id) {
        void navigate(`/admin/doctors/${id}`, { state: { created: true } });
      }
    } catch {
      // Shown from `error` below and next to the fields.
    }
  }

  return (
    <Stack gap="4" maxW="3xl">
      <PageHeader title="New doctor" description="Creates the doctor's profile and sign-in account." />
      {error ? (
        <Alert.Root status="error" borderRadius="l3">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(error)}</Alert.Title>
        </Alert.Root>
      ) : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="New doctor">
        <Stack gap="5">
          <DoctorProfileFields
            field={field}
            departments={departments}
            departmentId={departmentId}
            onDepartmentChange={(id) => {
              set('departmentId')(id);
              // The hospital's zone, unless another was chosen already.
              const zone = departments.find((department) => department.value === id)?.hospital.timezone;
              if (zone && values.timezone === EMPTY_DOCTOR_FORM.timezone && ZONE_VALUES.has(zone)) {
                set('timezone')(zone);
              }
            }}
            currency={hospital?.currency}
            account={
              <>
                <TextField label="Email" type="email" required {...field('email')} autoComplete="off" />
                <TextField
                  label="Initial password"
                  type="password"
                  required
                  {...field('password')}
                  helper="At least 10 characters, not the email address."
                  autoComplete="new-password"
                />
              </>
            }
          />
          <HStack gap="3" justify="flex-end">
            <Button asChild variant="outline">
              <RouterLink to="/admin/doctors">Cancel</RouterLink>
            </Button>
            <Button type="submit" colorPalette="brand" loading={loading}>
              Create doctor
            </Button>
          </HStack>
        </Stack>
      </form>
    </Stack>
  );
}
