import { AreaNav } from '../../shared/layout/AreaNav';

const PAGES = [
  { to: '/patient', label: 'Appointments', end: true },
  { to: '/patient/book', label: 'Book' },
  { to: '/patient/prescriptions', label: 'Prescriptions' },
  { to: '/patient/records', label: 'Records' },
  { to: '/patient/billing', label: 'Bills' },
  { to: '/patient/profile', label: 'Profile' },
  { to: '/patient/access-log', label: 'Access log' },
];

export function PatientNav() {
  return <AreaNav label="Patient portal" items={PAGES} />;
}
