import { Navigate, Route, Routes } from 'react-router';
import { MyLabResultsPage } from '../../features/labs/MyLabResultsPage';
import { AppointmentsPage } from '../../features/booking/AppointmentsPage';
import { PatientBillingPage } from '../../features/billing/PatientBillingPage';
import { BookingPage } from '../../features/booking/BookingPage';
import { AccessLogPage } from '../../features/my-health/AccessLogPage';
import { PrescriptionsPage } from '../../features/my-health/PrescriptionsPage';
import { ProfilePage } from '../../features/my-health/ProfilePage';
import { RecordsPage } from '../../features/my-health/RecordsPage';
import { SharingPage } from '../../features/partners/SharingPage';
import { PrivacyPage } from '../../features/privacy/PrivacyPage';
import { PatientNav } from './PatientNav';
import { MessagesPages } from '../../features/messages/MessagesPages';
import { SecurityPage } from '../../features/account-security/SecurityPage';
import { EmailVerificationBanner } from '../../features/account-security/EmailVerificationBanner';

/** `/patient/*`: the patient portal. Sub-pages are routes relative to `/patient`. */
export function PatientArea() {
  return (
    <>
      <EmailVerificationBanner />
      <PatientNav />
      <Routes>
        <Route index element={<AppointmentsPage />} />
        <Route path="book" element={<BookingPage />} />
        <Route path="prescriptions" element={<PrescriptionsPage />} />
        <Route path="records" element={<RecordsPage />} />
        <Route path="labs" element={<MyLabResultsPage />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="access-log" element={<AccessLogPage />} />
        <Route path="messages/*" element={<MessagesPages viewer="patient" />} />
        <Route path="security" element={<SecurityPage />} />
        <Route path="sharing" element={<SharingPage />} />
        <Route path="privacy" element={<PrivacyPage />} />
        <Route path="billing" element={<PatientBillingPage />} />
        <Route path="*" element={<Navigate to="/patient" replace />} />
      </Routes>
    </>
  );
}
