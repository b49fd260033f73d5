import { Stack } from '@chakra-ui/react';
import { Navigate, Route, Routes } from 'react-router';
import { PatientChartPage } from '../../features/chart/PatientChartPage';
import { PatientsPage } from '../../features/chart/PatientsPage';
import { SchedulePage } from '../../features/schedule/SchedulePage';
import { AreaNav } from '../../shared/layout/AreaNav';

const PAGES = [
  { to: '/doctor', label: 'Schedule', end: true },
  { to: '/doctor/patients', label: 'My patients' },
];

/** `/doctor/*`: the doctor's schedule, their patients and the patient chart. */
export function DoctorArea() {
  return (
    <Stack gap="0">
      <AreaNav label="Doctor" items={PAGES} />
      <Routes>
        <Route index element={<SchedulePage />} />
        <Route path="patients" element={<PatientsPage />} />
        <Route path="patients/:patientId" element={<PatientChartPage />} />
        <Route path="*" element={<Navigate to="/doctor" replace />} />
      </Routes>
    </Stack>
  );
}
