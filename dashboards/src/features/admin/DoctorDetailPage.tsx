import { useQuery } from '@apollo/client/react';
import { Alert, Link, Stack, Text } from '@chakra-ui/react';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { DeactivateUser } from './DeactivateUser';
import { EditDoctorProfile } from './EditDoctorProfile';
import { getFragmentData } from '../../gql';
import { DoctorProfileFragment } from '../doctors/operations';
import { AdminDoctorQuery } from './operations';
import { DoctorHours } from '../availability/DoctorHours';
import { BY_ADMINISTRATOR } from '../availability/manager';
import { DoctorWaitlist } from '../waitlist/DoctorWaitlist';
import { doctorName } from '../doctors/DoctorName';
import { PageHeader } from './ui';
import { formatMoney } from '../billing/money';

export function DoctorDetailPage() {
  const { doctorId = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const { data, loading, error, refetch } = useQuery(AdminDoctorQuery, { variables: { id: doctorId } });
  const back = (
    <Link asChild color="brand.fg" fontSize="sm">
      <RouterLink to="/admin/doctors">← All doctors</RouterLink>
    </Link>
  );
  if (error) {
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (loading && !data) {
    return <LoadingList rows={3} label="Loading the doctor…" />;
  }
  if (!data?.doctor) {
    return <EmptyState title="Doctor not found" action={back} />;
  }
  const doctor = { ...data.doctor, ...getFragmentData(DoctorProfileFragment, data.doctor) };
  return (
    <Stack gap="5">
      {back}
      <PageHeader
        title={doctorName(doctor)}
        description={`${doctor.specialization}${
          doctor.department ? ` at ${doctor.department.hospital.name} (${doctor.department.name})` : ''
        } · Licence ${doctor.licenseNumber} · ${doctor.timezone}${
          doctor.fee ? ` · Fee ${formatMoney(doctor.fee)}` : ''
        }`}
      />
      <EditDoctorProfile key={`profile:${doctor.id}`} doctor={data.doctor} />
      {created ? (
        <Alert.Root status="success" role="status">
          <Alert.Indicator />
          <Alert.Title>Doctor created. Now set their weekly hours so patients can book.</Alert.Title>
        </Alert.Root>
      ) : null}
      {doctor.qualifications.length > 0 || doctor.bio ? (
        <Text color="fg.muted">{[doctor.qualifications.join(', '), doctor.bio].filter(Boolean).join(' — ')}</Text>
      ) : null}
      <DoctorHours doctor={data.doctor} manager={BY_ADMINISTRATOR} />
      <DoctorWaitlist doctorId={doctor.id} timezone={doctor.timezone} />
      <DeactivateUser
        userId={doctor.userId}
        name={doctorName(doctor)}
        active={doctor.active}
        doctor={{ id: doctor.id, timezone: doctor.timezone }}
      />
    </Stack>
  );
}
