import { Navigate, Route, Routes } from 'react-router';
import { AreaWelcome } from '../AreaWelcome';

/** `/admin/*`: the admin console. Sub-pages are routes relative to `/admin`. */
export function AdminArea() {
  return (
    <Routes>
      <Route index element={<AreaWelcome title="Admin console" />} />
      <Route path="*" element={<Navigate to="/admin" replace />} />
    </Routes>
  );
}
