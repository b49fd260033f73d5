import { Navigate, Route, Routes } from 'react-router';
import { AppointmentsPage } from '../../features/booking/AppointmentsPage';
import { PatientBillingPage } from '../../features/billing/PatientBillingPage';
import { BookingPage } from '../../features/booking/BookingPage';
import { AccessLogPage } from '../../features/my-health/AccessLogPage';
import { PrescriptionsPage } from '../../features/my-health/PrescriptionsPage';
import { ProfilePage } from '../../features/my-health/ProfilePage';
import { RecordsPage } from '../../features/my-health/RecordsPage';
import { PatientNav } from './PatientNav';

/** `/patient/*`: the patient portal. Sub-pages are routes relative to `/patient`. */
export function PatientArea() {
  return (
    <>
      <PatientNav />
      <Routes>
        <Route index element={<AppointmentsPage />} />
        <Route path="book" element={<BookingPage />} />
        <Route path="prescriptions" element={<PrescriptionsPage />} />
        <Route path="records" element={<RecordsPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="access-log" element={<AccessLogPage />} />
        <Route path="billing" element={<PatientBillingPage />} />
        <Route path="*" element={<Navigate to="/patient" replace />} />
      </Routes>
    </>
  );
}
