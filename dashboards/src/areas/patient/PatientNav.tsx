import { useLiveMessages } from '../../features/messages/useMessages';
import { AreaNav } from '../../shared/layout/AreaNav';

const PAGES = [
  { to: '/patient', label: 'Appointments', end: true },
  { to: '/patient/book', label: 'Book' },
  { to: '/patient/prescriptions', label: 'Prescriptions' },
  { to: '/patient/records', label: 'Records' },
  { to: '/patient/labs', label: 'Lab results' },
  { to: '/patient/billing', label: 'Bills' },
  { to: '/patient/profile', label: 'Profile' },
  { to: '/patient/access-log', label: 'Access log' },
  { to: '/patient/security', label: 'Security' },
  { to: '/patient/sharing', label: 'Sharing' },
  { to: '/patient/privacy', label: 'Privacy' },
];

export function PatientNav() {
  const unread = useLiveMessages();
  const items = [
    ...PAGES.slice(0, 1),
    { to: '/patient/messages', label: 'Messages', badge: unread },
    ...PAGES.slice(1),
  ];
  return <AreaNav label="Patient portal" items={items} />;
}
