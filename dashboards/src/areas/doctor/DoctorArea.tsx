import { Stack } from '@chakra-ui/react';
import { Navigate, Route, Routes } from 'react-router';
import { PatientChartPage } from '../../features/chart/PatientChartPage';
import { PatientsPage } from '../../features/chart/PatientsPage';
import { SchedulePage } from '../../features/schedule/SchedulePage';
import { AreaNav } from '../../shared/layout/AreaNav';
import { SecurityPage } from '../../features/account-security/SecurityPage';
import { MessagesPages } from '../../features/messages/MessagesPages';
import { useLiveMessages } from '../../features/messages/useMessages';

const PAGES = [
  { to: '/doctor', label: 'Schedule', end: true },
  { to: '/doctor/patients', label: 'My patients' },
];
const SECURITY = { to: '/doctor/security', label: 'Security' };

/** `/doctor/*`: the doctor's schedule, their patients and the patient chart. */
export function DoctorArea() {
  const unread = useLiveMessages();
  const items = [...PAGES, { to: '/doctor/messages', label: 'Messages', badge: unread }, SECURITY];
  return (
    <Stack gap="0">
      <AreaNav label="Doctor" items={items} />
      <Routes>
        <Route index element={<SchedulePage />} />
        <Route path="patients" element={<PatientsPage />} />
        <Route path="patients/:patientId" element={<PatientChartPage />} />
        <Route path="messages/*" element={<MessagesPages viewer="doctor" />} />
        <Route path="security" element={<SecurityPage />} />
        <Route path="*" element={<Navigate to="/doctor" replace />} />
      </Routes>
    </Stack>
  );
}
