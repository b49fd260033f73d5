import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { RevenueQuery } from '../billing/operations';
import { AdminAnalyticsQuery } from './operations';

describe('AnalyticsPage', () => {
  it('shows the totals, the rates and both charts with data tables', async () => {
    const { user } = renderApp({
      path: '/admin',
      signedInAs: testUsers.admin,
      mocks: [
        {
          request: {
            query: AdminAnalyticsQuery,
            variables: (vars: { from: string; to: string }) =>
              new Date(vars.to).getTime() - new Date(vars.from).getTime() >= 29 * 86_400_000 &&
              new Date(vars.to).getTime() - new Date(vars.from).getTime() <= 31 * 86_400_000,
          },
          result: {
            data: {
              analytics: {
                __typename: 'Analytics',
                totalAppointments: 40,
                noShowRate: 0.125,
                cancellationRate: 0.05,
                appointmentsPerDay: [
                  {
                    __typename: 'DailyAppointments',
                    date: '2026-11-20',
                    total: 25,
                    completed: 20,
                    cancelled: 2,
                    noShow: 3,
                  },
                  {
                    __typename: 'DailyAppointments',
                    date: '2026-11-21',
                    total: 15,
                    completed: 12,
                    cancelled: 0,
                    noShow: 1,
                  },
                ],
                utilisation: [
                  {
                    __typename: 'DoctorUtilisation',
                    doctor: { __typename: 'Doctor', id: 'd1', firstName: 'Dana', lastName: 'Reyes' },
                    availableHours: 40,
                    bookedHours: 30,
                    utilisation: 0.75,
                  },
                ],
              },
            },
          },
        },
        {
          request: { query: RevenueQuery, variables: () => true },
          result: {
            data: {
              revenue: [
                {
                  __typename: 'Revenue',
                  currency: 'EUR',
                  billed: { __typename: 'Money', amount: '1200.00', currency: 'EUR' },
                  invoices: 15,
                  collected: { __typename: 'Money', amount: '980.50', currency: 'EUR' },
                  payments: 1,
                },
              ],
            },
          },
        },
      ],
    });

    expect(await screen.findByRole('heading', { name: 'Admin console' }, { timeout: 5000 })).toBeVisible();
    expect(await screen.findByText('12.5%')).toBeVisible();
    expect(screen.getByText('5.0%')).toBeVisible();
    expect(screen.getByText('40')).toBeVisible();
    expect(screen.getByText('No-show rate')).toBeVisible();
    expect(screen.getByText('Cancellation rate')).toBeVisible();
    expect(screen.getByRole('img', { name: /appointments per day over 2 days: 40 in all/ })).toBeInTheDocument();
    // What was billed and collected in the period, per currency.
    const revenue = await screen.findByRole('region', { name: 'Revenue' });
    expect(within(revenue).getByText('Billed in EUR')).toBeVisible();
    expect(within(revenue).getByText('15 invoices in the last 30 days')).toBeVisible();
    expect(within(revenue).getByText('1 payment, patients’ and insurers’')).toBeVisible();
    expect(within(revenue).getByText(/980\.50/)).toBeVisible();

    const perDay = screen.getByRole('region', { name: 'Appointments per day' });
    await user.click(within(perDay).getByRole('button', { name: 'Show data table' }));
    const table = within(perDay).getByRole('table', { name: 'Appointments per day' });
    expect(within(table).getByRole('row', { name: /2026-11-20 25 20 2 3/ })).toBeVisible();

    const utilisation = screen.getByRole('region', { name: 'Utilisation per doctor' });
    await user.click(within(utilisation).getByRole('button', { name: 'Show data table' }));
    expect(within(utilisation).getByRole('row', { name: /Dr Dana Reyes 40.0 30.0 75.0%/ })).toBeVisible();
  });
});
