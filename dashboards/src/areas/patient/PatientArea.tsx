import { Navigate, Route, Routes } from 'react-router';
import { AreaWelcome } from '../AreaWelcome';

/** `/patient/*`: the patient portal. Sub-pages are routes relative to `/patient`. */
export function PatientArea() {
  return (
    <Routes>
      <Route index element={<AreaWelcome title="Patient portal" />} />
      <Route path="*" element={<Navigate to="/patient" replace />} />
    </Routes>
  );
}
