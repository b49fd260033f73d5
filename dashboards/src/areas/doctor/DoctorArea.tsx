import { Navigate, Route, Routes } from 'react-router';
import { AreaWelcome } from '../AreaWelcome';

/** `/doctor/*`: the doctor's schedule. Sub-pages are routes relative to `/doctor`. */
export function DoctorArea() {
  return (
    <Routes>
      <Route index element={<AreaWelcome title="Doctor's schedule" />} />
      <Route path="*" element={<Navigate to="/doctor" replace />} />
    </Routes>
  );
}
