import { Stack } from '@chakra-ui/react';
import { Navigate, Route, Routes } from 'react-router';
import { PatientChartPage } from '../../features/chart/PatientChartPage';
import { PatientsPage } from '../../features/chart/PatientsPage';
import { SchedulePage } from '../../features/schedule/SchedulePage';
import { TodayPage } from '../../features/schedule/TodayPage';
import { useBookingRequestCount, useScheduleUpdates } from '../../features/schedule/useDoctorSchedule';
import { useAuth } from '../../features/auth/AuthProvider';
import { AreaNav } from '../../shared/layout/AreaNav';
import { SecurityPage } from '../../features/account-security/SecurityPage';
import { EmailVerificationBanner } from '../../features/account-security/EmailVerificationBanner';
import { OwnProfilePage } from '../../features/doctors/OwnProfilePage';
import { OwnHoursPage } from '../../features/availability/OwnHoursPage';
import { MessagesPages } from '../../features/messages/MessagesPages';
import { useLiveMessages } from '../../features/messages/useMessages';
import { useResultsToReviewCount } from '../../features/labs/ResultsToReview';
import { useRepeatRequestCount } from '../../features/prescriptions/RepeatRequests';

const PATIENTS = { to: '/doctor/patients', label: 'My patients' };
const TODAY = { to: '/doctor/today', label: 'Today' };
const HOURS = { to: '/doctor/hours', label: 'Hours' };
const PROFILE = { to: '/doctor/profile', label: 'Profile' };
const SECURITY = { to: '/doctor/security', label: 'Security' };

/** What the Today tab's count is of: results to review, repeat requests, or both. */
function todayBadgeLabel(results: number, repeats: number): string {
  if (results > 0 && repeats > 0) {
    return 'results to review and repeat requests';
  }
  if (repeats > 0) {
    return repeats === 1 ? 'repeat request' : 'repeat requests';
  }
  return results === 1 ? 'result to review' : 'results to review';
}

/** `/doctor/*`: the doctor's day, calendar, their patients and the patient chart. */
export function DoctorArea() {
  const unread = useLiveMessages();
  const requests = useBookingRequestCount();
  // New requests (and ones answered elsewhere) reach the badge and every requests list at once.
  const { user } = useAuth();
  useScheduleUpdates(user?.doctor?.id, () => void requests.refresh());
  const toReview = useResultsToReviewCount();
  const repeats = useRepeatRequestCount();
  const items = [
    { ...TODAY, badge: toReview + repeats, badgeLabel: todayBadgeLabel(toReview, repeats) },
    { to: '/doctor', label: 'Calendar', end: true, badge: requests.count, badgeLabel: 'new requests' },
    PATIENTS,
    { to: '/doctor/messages', label: 'Messages', badge: unread },
    HOURS,
    PROFILE,
    SECURITY,
  ];
  return (
    <Stack gap="0">
      <EmailVerificationBanner />
      <AreaNav label="Doctor" items={items} />
      <Routes>
        <Route index element={<SchedulePage />} />
        <Route path="today" element={<TodayPage />} />
        <Route path="patients" element={<PatientsPage />} />
        <Route path="patients/:patientId" element={<PatientChartPage />} />
        <Route path="messages/*" element={<MessagesPages viewer="doctor" />} />
        <Route path="hours" element={<OwnHoursPage />} />
        <Route path="profile" element={<OwnProfilePage />} />
        <Route path="security" element={<SecurityPage />} />
        <Route path="*" element={<Navigate to="/doctor" replace />} />
      </Routes>
    </Stack>
  );
}
