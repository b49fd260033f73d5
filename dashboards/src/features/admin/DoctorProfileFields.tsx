import { useQuery } from '@apollo/client/react';
import { SimpleGrid, Stack } from '@chakra-ui/react';
import type { ReactNode } from 'react';
import { SelectField, TextField } from '../../shared/ui';
import { HospitalsQuery } from '../organisation/operations';
import type { DoctorProfileValues } from './create-doctor-validation';
import { SpecializationField } from './SpecializationField';
import { COMMON_TIME_ZONES } from './time-zones';

/** One department a doctor may work in, named with its hospital: "City General Hospital · Cardiology". */
export interface DepartmentChoice {
  readonly value: string;
  readonly label: string;
  readonly hospital: { readonly timezone: string; readonly currency: string };
}

/** Every department of every hospital, to choose where a doctor works (read unless `skip`). */
export function useDepartmentChoices({ skip = false }: { skip?: boolean } = {}): DepartmentChoice[] {
  const hospitals = useQuery(HospitalsQuery, { skip }).data?.hospitals ?? [];
  return hospitals.flatMap((hospital) =>
    hospital.departments.map((department) => ({
      value: department.id,
      label: `${hospital.name} · ${department.name}`,
      hospital,
    })),
  );
}

/** The common zones, and `current` too when it is another (a doctor's zone set through the API). */
function zoneOptions(current: string) {
  const zones: string[] = [...COMMON_TIME_ZONES];
  if (current && !zones.includes(current)) {
    zones.unshift(current);
  }
  return zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}

type Field = (name: keyof DoctorProfileValues) => {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
};

/**
 * A doctor's profile as the administrator fills it in, for a new doctor or one being changed:
 * names (then `account`, a new doctor's sign-in), specialization, licence, department, time zone,
 * fee in the department's hospital's currency, qualifications and bio.
 */
export function DoctorProfileFields({
  field,
  departments,
  departmentId,
  onDepartmentChange,
  currency,
  account,
  zoneHelper,
}: {
  field: Field;
  departments: readonly DepartmentChoice[];
  departmentId: string;
  onDepartmentChange: (id: string) => void;
  /** The currency the fee is in: the chosen department's hospital's. */
  currency: string | undefined;
  account?: ReactNode;
  zoneHelper?: string;
}) {
  const zone = field('timezone');
  return (
    <Stack gap="5">
      <SimpleGrid columns={{ base: 1, md: 2 }} gap="4">
        <TextField label="First name" required {...field('firstName')} autoComplete="off" />
        <TextField label="Last name" required {...field('lastName')} autoComplete="off" />
        {account}
        <SpecializationField {...field('specialization')} />
        <TextField label="Licence number" required {...field('licenseNumber')} />
        <SelectField
          label="Department"
          required
          {...field('departmentId')}
          value={departmentId}
          onChange={onDepartmentChange}
          options={departments}
          placeholder="Choose a department"
          helper="Its hospital bills the doctor's visits, in its currency."
        />
        <SelectField label="Time zone" required {...zone} options={zoneOptions(zone.value)} helper={zoneHelper} />
        <TextField
          label={`Consultation fee${currency ? ` (${currency})` : ''}`}
          type="number"
          min={0}
          step="0.01"
          {...field('consultationFee')}
        />
      </SimpleGrid>
      <TextField label="Qualifications" {...field('qualifications')} helper="Separate with commas, e.g. MBBS, MRCP" />
      <TextField label="Bio" multiline {...field('bio')} />
    </Stack>
  );
}
