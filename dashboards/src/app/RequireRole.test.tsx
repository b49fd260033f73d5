import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../test/render-app';

describe('role guard', () => {
  it('sends someone signed out to sign in, remembering where they were going', async () => {
    const { router } = renderApp({ path: '/admin' });

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe('?next=%2Fadmin');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeVisible();
  });

  it('sends a patient who opens the admin console to the patient portal', async () => {
    const { router } = renderApp({ path: '/admin', signedInAs: testUsers.patient });

    expect(await screen.findByRole('heading', { name: 'Patient portal' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/patient');
  });

  it('opens each area for its own role, inside the shared layout', async () => {
    const { router } = renderApp({ path: '/', signedInAs: testUsers.admin });

    expect(await screen.findByRole('heading', { name: 'Admin console' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/admin');
    expect(screen.getByTestId('signed-in-user')).toHaveTextContent('admin@clinic.test');
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main-content');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main-content');
  });

  it('moves the focus to the new page and reads out its title, not on the first page', async () => {
    const { user, router } = renderApp({ path: '/admin', signedInAs: testUsers.admin });

    expect(await screen.findByRole('heading', { name: 'Admin console' })).toBeVisible();
    const arrival = screen.getByTestId('page-arrival');
    expect(arrival).toHaveAttribute('role', 'status');
    expect(arrival).toBeEmptyDOMElement();
    expect(screen.getByRole('main')).not.toHaveFocus();

    await user.click(screen.getByRole('link', { name: 'Audit trail' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/audit'));
    expect(screen.getByRole('main')).toHaveFocus();
    expect(arrival).toHaveTextContent('Audit trail · Admin console · Healthcare Platform');
    expect(document.title).toBe('Audit trail · Admin console · Healthcare Platform');

    // A page that focuses a field of its own keeps it (the front desk's patient search).
    await user.click(screen.getByRole('link', { name: 'Appointments' }));
    await user.click(await screen.findByRole('link', { name: 'Book appointment' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/appointments/new'));
    expect(await screen.findByPlaceholderText('Name, email or phone')).toHaveFocus();
    expect(arrival).toHaveTextContent('Appointments · Admin console · Healthcare Platform');
  });

  it('signs out to the sign-in page and ends the session on the server', async () => {
    const { user, router, session, authCalls } = renderApp({ path: '/doctor', signedInAs: testUsers.doctor });

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe('');
    expect(session.signedInHere).toBe(false);
    expect(session.accessToken).toBeUndefined();
    await waitFor(() => expect(authCalls).toEqual([{ url: '/auth/logout', csrf: '1' }]));
  });

  it('sends a doctor who must set up two-step sign-in straight to enrolment', async () => {
    const { router } = renderApp({
      path: '/doctor',
      signedInAs: { ...testUsers.doctor, mfaEnrollmentRequired: true },
    });

    expect(await screen.findByRole('heading', { name: 'Set up two-step sign-in' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/enrol-mfa');
    expect(screen.getByRole('button', { name: 'Set up two-step sign-in' })).toBeVisible();
  });
});
