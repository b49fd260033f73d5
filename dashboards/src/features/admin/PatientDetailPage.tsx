import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Heading, HStack, Link, SimpleGrid, Stack } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { EmptyState, ErrorState, focusFirstInvalid, LoadingList, SelectField, TextField } from '../../shared/ui';
import { BalanceSummary } from '../billing/BalanceSummary';
import { PatientAppointments } from '../front-desk/PatientAppointments';
import { GENDER_OPTIONS } from '../patients/gender';
import { DeactivateUser } from './DeactivateUser';
import { AdminPatientQuery, AdminUpdatePatientMutation } from './operations';
import { fullName, PageHeader } from './ui';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Demographics {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address: string;
  dateOfBirth: string;
  gender: string;
}

export function PatientDetailPage() {
  const { patientId = '' } = useParams();
  const booked = (useLocation().state as { booked?: string } | null)?.booked;
  const { data, loading, error, refetch } = useQuery(AdminPatientQuery, { variables: { id: patientId } });
  const back = (
    <Link asChild color="brand.fg" fontSize="sm">
      <RouterLink to="/admin/patients">← All patients</RouterLink>
    </Link>
  );
  if (error) {
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (loading && !data) {
    return <LoadingList rows={2} label="Loading the patient…" />;
  }
  const patient = data?.patient;
  if (!patient) {
    return <EmptyState title="Patient not found" action={back} />;
  }
  return (
    <Stack gap="5" maxW="3xl">
      {back}
      <PageHeader
        title={fullName(patient)}
        description="Appointments, demographics and contact details. Clinical information is not shown to administrators."
      />
      {booked ? (
        <Alert.Root status="success" role="status" borderRadius="l3">
          <Alert.Indicator />
          <Alert.Title>{booked}</Alert.Title>
        </Alert.Root>
      ) : null}
      <PatientAppointments patientId={patient.id} patientName={fullName(patient)} />
      <Heading as="h2" size="lg" mt="4">
        Bills
      </Heading>
      <BalanceSummary
        patientId={patient.id}
        action={
          <Link asChild color="brand.fg" fontSize="sm">
            <RouterLink to={`/admin/invoices?patient=${patient.id}`}>See their bills, take a payment</RouterLink>
          </Link>
        }
      />
      <Heading as="h2" size="lg" mt="4">
        Details
      </Heading>
      <DemographicsForm
        key={patient.id}
        patientId={patient.id}
        emailConfirmed={patient.emailVerified}
        initial={{
          firstName: patient.firstName,
          lastName: patient.lastName,
          email: patient.email,
          phone: patient.phone ?? '',
          address: patient.address ?? '',
          dateOfBirth: patient.dateOfBirth,
          gender: patient.gender ?? '',
        }}
      />
      <DeactivateUser userId={patient.userId} name={fullName(patient)} active={patient.active} />
    </Stack>
  );
}

/** What the front desk is told under the address: whether e-mails reach it, and what a change does. */
function emailHelper(initial: string, now: string, confirmed: boolean): string | undefined {
  if (now.trim().toLowerCase() !== initial.trim().toLowerCase()) {
    return 'The new address gets a link to confirm it, and the old one is told of the change.';
  }
  return confirmed
    ? undefined
    : 'Not confirmed yet: appointment and result e-mails wait until the patient opens the link we sent.';
}

function DemographicsForm({
  patientId,
  initial,
  emailConfirmed,
}: {
  patientId: string;
  initial: Demographics;
  emailConfirmed: boolean;
}) {
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Partial<Record<keyof Demographics, string>>>({});
  const [saved, setSaved] = useState(false);
  const [update, { loading, error, reset }] = useMutation(AdminUpdatePatientMutation);
  const server = fieldErrors(error);
  const errorFor = (name: keyof Demographics) => problems[name] ?? server[name];
  const set = (name: keyof Demographics) => (value: string) => {
    setSaved(false);
    setValues((v) => ({ ...v, [name]: value }));
  };
  /** The value, change handler and error of one field. */
  const field = (name: keyof Demographics) => ({ value: values[name], onChange: set(name), error: errorFor(name) });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    reset();
    setSaved(false);
    const found: Partial<Record<keyof Demographics, string>> = {};
    if (!values.firstName.trim()) {
      found.firstName = 'Enter the first name.';
    }
    if (!values.lastName.trim()) {
      found.lastName = 'Enter the last name.';
    }
    if (!EMAIL.test(values.email.trim())) {
      found.email = 'Enter a valid email address.';
    }
    // A local day (midnight here, not in UTC): a child born today is not refused east of Greenwich.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.dateOfBirth) || new Date(`${values.dateOfBirth}T00:00:00`) > new Date()) {
      found.dateOfBirth = 'Enter a date of birth in the past.';
    }
    setProblems(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    try {
      await update({
        variables: {
          id: patientId,
          input: {
            firstName: values.firstName.trim(),
            lastName: values.lastName.trim(),
            email: values.email.trim(),
            phone: values.phone.trim() || null,
            address: values.address.trim() || null,
            dateOfBirth: values.dateOfBirth,
            gender: values.gender || null,
          },
        },
      });
      setSaved(true);
    } catch {
      // Shown from `error`.
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Demographics">
      <Stack gap="4">
        {error ? (
          <Alert.Root status="error">
            <Alert.Indicator />
            <Alert.Title>{plainMessage(error)}</Alert.Title>
          </Alert.Root>
        ) : null}
        {saved ? (
          <Alert.Root status="success" role="status">
            <Alert.Indicator />
            <Alert.Title>Changes saved.</Alert.Title>
          </Alert.Root>
        ) : null}
        <SimpleGrid columns={{ base: 1, md: 2 }} gap="4">
          <TextField label="First name" required {...field('firstName')} />
          <TextField label="Last name" required {...field('lastName')} />
          <TextField
            label="Email"
            type="email"
            required
            helper={emailHelper(initial.email, values.email, emailConfirmed)}
            {...field('email')}
          />
          <TextField label="Phone" type="tel" {...field('phone')} />
          <TextField label="Date of birth" type="date" required {...field('dateOfBirth')} />
          <SelectField label="Gender" {...field('gender')} options={GENDER_OPTIONS} placeholder="Not stated" />
        </SimpleGrid>
        <TextField label="Address" multiline {...field('address')} />
        <HStack justify="flex-end">
          <Button type="submit" colorPalette="brand" loading={loading}>
            Save changes
          </Button>
        </HStack>
      </Stack>
    </form>
  );
}
