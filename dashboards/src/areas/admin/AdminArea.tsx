import { Box, Flex, Link } from '@chakra-ui/react';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { AnalyticsPage } from '../../features/admin/AnalyticsPage';
import { AppointmentsPage } from '../../features/admin/AppointmentsPage';
import { AuditPage } from '../../features/admin/AuditPage';
import { DoctorDetailPage } from '../../features/admin/DoctorDetailPage';
import { DoctorsPage } from '../../features/admin/DoctorsPage';
import { NewDoctorPage } from '../../features/admin/NewDoctorPage';
import { PatientDetailPage } from '../../features/admin/PatientDetailPage';
import { PatientsPage } from '../../features/admin/PatientsPage';

const SECTIONS = [
  { to: '', label: 'Overview' },
  { to: 'doctors', label: 'Doctors' },
  { to: 'patients', label: 'Patients' },
  { to: 'appointments', label: 'Appointments' },
  { to: 'audit', label: 'Audit trail' },
] as const;

/** The console's sections as tabs; on a phone they scroll sideways instead of wrapping. */
function AdminNav() {
  return (
    <Box
      as="nav"
      aria-label="Admin console"
      borderBottomWidth="1px"
      mb={{ base: '5', md: '8' }}
      mx={{ base: '-4', md: '0' }}
    >
      <Flex
        as="ul"
        listStyleType="none"
        gap="1"
        overflowX="auto"
        px={{ base: '4', md: '0' }}
        css={{ scrollbarWidth: 'none' }}
      >
        {SECTIONS.map((section) => (
          <Box as="li" key={section.to} flexShrink={0}>
            <Link
              asChild
              display="block"
              px="3"
              py="2.5"
              fontWeight="medium"
              color="fg.muted"
              textDecoration="none"
              borderBottomWidth="2px"
              borderColor="transparent"
              mb="-1px"
              _hover={{ color: 'fg', textDecoration: 'none' }}
              css={{ '&[aria-current=page]': { color: 'brand.fg', borderColor: 'brand.solid' } }}
            >
              <NavLink to={section.to ? `/admin/${section.to}` : '/admin'} end={!section.to}>
                {section.label}
              </NavLink>
            </Link>
          </Box>
        ))}
      </Flex>
    </Box>
  );
}

/** `/admin/*`: the admin console. Sub-pages are routes relative to `/admin`. */
export function AdminArea() {
  return (
    <>
      <AdminNav />
      <Routes>
        <Route index element={<AnalyticsPage />} />
        <Route path="analytics" element={<Navigate to="/admin" replace />} />
        <Route path="doctors" element={<DoctorsPage />} />
        <Route path="doctors/new" element={<NewDoctorPage />} />
        <Route path="doctors/:doctorId" element={<DoctorDetailPage />} />
        <Route path="patients" element={<PatientsPage />} />
        <Route path="patients/:patientId" element={<PatientDetailPage />} />
        <Route path="appointments" element={<AppointmentsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="*" element={<Navigate to="/admin" replace />} />
      </Routes>
    </>
  );
}
