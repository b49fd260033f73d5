import { Button, Center, Heading, Stack, Text } from '@chakra-ui/react';
import { lazy, useState } from 'react';
import { createBrowserRouter, Link, RouterProvider, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { RegisterPage } from '../features/auth/RegisterPage';
import { VerifyEmailPage } from '../features/account-security/VerifyEmailPage';
import { EnrolMfaPage } from '../features/account-security/EnrolMfaPage';
import { ForgotPasswordPage, ResetPasswordPage } from '../features/account-security/PasswordResetPages';
import { PageTitle } from '../shared/layout/PageTitle';
import { HomeRedirect, RequireRole } from './RequireRole';

// Each area is its own chunk, fetched only once its role guard lets the user in.
const PatientArea = lazy(() => import('../areas/patient/PatientArea').then((m) => ({ default: m.PatientArea })));
const DoctorArea = lazy(() => import('../areas/doctor/DoctorArea').then((m) => ({ default: m.DoctorArea })));
const AdminArea = lazy(() => import('../areas/admin/AdminArea').then((m) => ({ default: m.AdminArea })));

function NotFound() {
  return (
    <Center as="main" minH="100dvh" px="4">
      <Stack align="center" gap="3" textAlign="center">
        <PageTitle parts={['Page not found']} />
        <Heading as="h1">Page not found</Heading>
        <Text color="fg.muted">There is nothing at this address.</Text>
        <Button asChild colorPalette="brand">
          <Link to="/">Go to the start page</Link>
        </Button>
      </Stack>
    </Center>
  );
}

/** Every route of the app; tests mount the same table in a memory router. */
export const routes: RouteObject[] = [
  { path: '/', element: <HomeRedirect /> },
  { path: '/login', element: <LoginPage /> },
  { path: '/register', element: <RegisterPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/verify-email', element: <VerifyEmailPage /> },
  { path: '/enrol-mfa', element: <EnrolMfaPage /> },
  { element: <RequireRole role="PATIENT" />, children: [{ path: '/patient/*', element: <PatientArea /> }] },
  { element: <RequireRole role="DOCTOR" />, children: [{ path: '/doctor/*', element: <DoctorArea /> }] },
  { element: <RequireRole role="ADMIN" />, children: [{ path: '/admin/*', element: <AdminArea /> }] },
  { path: '*', element: <NotFound /> },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
