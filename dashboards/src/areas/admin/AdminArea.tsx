import { Navigate, Route, Routes } from 'react-router';
import { AnalyticsPage } from '../../features/admin/AnalyticsPage';
import { AppointmentsPage } from '../../features/admin/AppointmentsPage';
import { FrontDeskBookingPage } from '../../features/front-desk/FrontDeskBookingPage';
import { AuditPage } from '../../features/admin/AuditPage';
import { DoctorDetailPage } from '../../features/admin/DoctorDetailPage';
import { DoctorsPage } from '../../features/admin/DoctorsPage';
import { NewDoctorPage } from '../../features/admin/NewDoctorPage';
import { PatientDetailPage } from '../../features/admin/PatientDetailPage';
import { PatientsPage } from '../../features/admin/PatientsPage';
import { ApiClientsPage } from '../../features/partners/ApiClientsPage';
import { WebhooksPage } from '../../features/webhooks/WebhooksPage';
import { PrivacyRequestsPage } from '../../features/privacy/PrivacyRequestsPage';
import { AccessAlertsPage } from '../../features/privacy/AccessAlertsPage';
import { ClaimsPage } from '../../features/billing/ClaimsPage';
import { InvoicesPage } from '../../features/billing/InvoicesPage';
import { HospitalsPage } from '../../features/organisation/HospitalsPage';
import { AreaNav } from '../../shared/layout/AreaNav';
import { SecurityPage } from '../../features/account-security/SecurityPage';
import { EmailVerificationBanner } from '../../features/account-security/EmailVerificationBanner';

const SECTIONS = [
  { to: '/admin', label: 'Overview', end: true },
  { to: '/admin/doctors', label: 'Doctors' },
  { to: '/admin/patients', label: 'Patients' },
  { to: '/admin/appointments', label: 'Appointments' },
  { to: '/admin/hospitals', label: 'Hospitals' },
  { to: '/admin/invoices', label: 'Invoices' },
  { to: '/admin/claims', label: 'Claims' },
  { to: '/admin/audit', label: 'Audit trail' },
  { to: '/admin/privacy', label: 'Privacy requests' },
  { to: '/admin/access-alerts', label: 'Access alerts' },
  { to: '/admin/security', label: 'Security' },
  { to: '/admin/api-clients', label: 'API clients' },
  { to: '/admin/webhooks', label: 'Webhooks' },
];

/** `/admin/*`: the admin console. Sub-pages are routes relative to `/admin`. */
export function AdminArea() {
  return (
    <>
      <EmailVerificationBanner />
      <AreaNav label="Admin console" items={SECTIONS} />
      <Routes>
        <Route index element={<AnalyticsPage />} />
        <Route path="analytics" element={<Navigate to="/admin" replace />} />
        <Route path="doctors" element={<DoctorsPage />} />
        <Route path="doctors/new" element={<NewDoctorPage />} />
        <Route path="doctors/:doctorId" element={<DoctorDetailPage />} />
        <Route path="patients" element={<PatientsPage />} />
        <Route path="patients/:patientId" element={<PatientDetailPage />} />
        <Route path="appointments" element={<AppointmentsPage />} />
        <Route path="appointments/new" element={<FrontDeskBookingPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="privacy" element={<PrivacyRequestsPage />} />
        <Route path="access-alerts" element={<AccessAlertsPage />} />
        <Route path="security" element={<SecurityPage />} />
        <Route path="api-clients" element={<ApiClientsPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="hospitals" element={<HospitalsPage />} />
        <Route path="invoices" element={<InvoicesPage />} />
        <Route path="claims" element={<ClaimsPage />} />
        <Route path="*" element={<Navigate to="/admin" replace />} />
      </Routes>
    </>
  );
}
