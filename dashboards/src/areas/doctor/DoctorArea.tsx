import { Box, HStack, Link, Stack } from '@chakra-ui/react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { PatientChartPage } from '../../features/chart/PatientChartPage';
import { PatientsPage } from '../../features/chart/PatientsPage';
import { SchedulePage } from '../../features/schedule/SchedulePage';

function DoctorNav() {
  const items = [
    { to: '/doctor', label: 'Schedule', end: true },
    { to: '/doctor/patients', label: 'My patients', end: false },
  ];
  return (
    <Box as="nav" aria-label="Doctor" borderBottomWidth="1px">
      <HStack gap="1">
        {items.map((item) => (
          <Link
            key={item.to}
            asChild
            px="3"
            py="2"
            fontWeight="medium"
            color="fg.muted"
            borderBottomWidth="2px"
            borderColor="transparent"
            textDecoration="none"
            _hover={{ color: 'fg', textDecoration: 'none' }}
            css={{
              '&[aria-current=page]': {
                color: 'var(--chakra-colors-brand-fg)',
                borderColor: 'var(--chakra-colors-brand-solid)',
              },
            }}
          >
            <NavLink to={item.to} end={item.end}>
              {item.label}
            </NavLink>
          </Link>
        ))}
      </HStack>
    </Box>
  );
}

/** `/doctor/*`: the doctor's schedule, their patients and the patient chart. */
export function DoctorArea() {
  return (
    <Stack gap="5">
      <DoctorNav />
      <Routes>
        <Route index element={<SchedulePage />} />
        <Route path="patients" element={<PatientsPage />} />
        <Route path="patients/:patientId" element={<PatientChartPage />} />
        <Route path="*" element={<Navigate to="/doctor" replace />} />
      </Routes>
    </Stack>
  );
}
