import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { AdminErasureRequestsQuery, DecideErasureRequestMutation } from './operations';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const patient = (id: string, firstName: string, lastName: string) => ({
  __typename: 'Patient',
  id,
  firstName,
  lastName,
});

const request = (id: string, overrides: object) => ({
  __typename: 'ErasureRequest',
  id,
  status: 'REQUESTED',
  reason: null,
  createdAt: ago(10),
  dueAt: ago(-20),
  decidedAt: null,
  answer: null,
  outcome: null,
  ...overrides,
});

/** Asked 35 days ago: its month is up. */
const late = request('00000000-0000-4000-8000-0000000000e1', {
  patient: patient('00000000-0000-4000-8000-0000000000a1', 'Ada', 'Lovelace'),
  reason: 'Moving abroad.',
  createdAt: ago(35),
  dueAt: ago(5),
});
const onTime = request('00000000-0000-4000-8000-0000000000e2', {
  patient: patient('00000000-0000-4000-8000-0000000000a2', 'Ben', 'Okafor'),
});
/** Asked 28 days ago: due in two days. */
const soon = request('00000000-0000-4000-8000-0000000000e3', {
  patient: patient('00000000-0000-4000-8000-0000000000a3', 'Cleo', 'Ng'),
  createdAt: ago(28),
  dueAt: ago(-2),
});

const outcome = {
  __typename: 'ErasureOutcome',
  appointmentsCancelled: 2,
  waitlistPlacesLeft: 1,
  consentsWithdrawn: 3,
  repeatRequestsWithdrawn: 0,
};

/** One page of requests under `status` (none: every status). */
const listed = (status: readonly string[] | undefined, nodes: readonly object[]) => ({
  request: { query: AdminErasureRequestsQuery, variables: { ...(status ? { status } : {}), first: 20 } },
  result: {
    data: {
      erasureRequests: {
        __typename: 'ErasureRequestConnection',
        totalCount: nodes.length,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: nodes.map((node) => ({ __typename: 'ErasureRequestEdge', node })),
      },
    },
  },
});

/** The requests' cards, in order (not the items of a list inside one). */
async function cards() {
  const list = await screen.findByRole('list', { name: 'Privacy requests' });
  return within(list)
    .getAllByRole('listitem')
    .filter((item) => item.parentElement === list);
}

const answer = 'Your bill of 3 March is still being settled with your insurer; we must keep your account until it is.';

describe('PrivacyRequestsPage', () => {
  it('lists the waiting requests, oldest first, the one past its due date marked overdue, one due in days marked due soon', async () => {
    renderApp({
      path: '/admin/privacy',
      signedInAs: testUsers.admin,
      mocks: [listed(['REQUESTED'], [late, soon, onTime])],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Privacy requests' })).toBeVisible();
    expect(screen.getByLabelText('Status')).toHaveValue('REQUESTED');
    const [first, dueSoon, second] = await cards();
    expect(within(dueSoon!).getByText('Due soon')).toBeVisible();
    expect(within(dueSoon!).queryByText('Overdue')).not.toBeInTheDocument();
    expect(within(first!).queryByText('Due soon')).not.toBeInTheDocument();
    expect(within(second!).queryByText('Due soon')).not.toBeInTheDocument();
    expect(within(first!).getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute(
      'href',
      '/admin/patients/00000000-0000-4000-8000-0000000000a1',
    );
    expect(within(first!).getByText('Overdue')).toBeVisible();
    expect(within(first!).getByText('Moving abroad.')).toBeVisible();
    expect(within(second!).queryByText('Overdue')).not.toBeInTheDocument();
    expect(within(second!).getByText('None given')).toBeVisible();
    expect(within(first!).getByRole('button', { name: 'Carry out' })).toHaveAccessibleDescription('Ada Lovelace');
    expect(within(second!).getByRole('button', { name: 'Refuse' })).toHaveAccessibleDescription('Ben Okafor');
  });

  it('refuses only with the legal ground the patient reads, at least 10 characters', async () => {
    const { user, requests } = renderApp({
      path: '/admin/privacy',
      signedInAs: testUsers.admin,
      mocks: [
        listed(['REQUESTED'], [late, onTime]),
        {
          request: {
            query: DecideErasureRequestMutation,
            variables: { id: onTime.id, input: { carryOut: false, answer: 'No reason.' } },
          },
          result: {
            errors: [
              {
                message: 'Invalid input',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'input.answer', message: 'must give the patient the legal ground for refusing' }],
                },
              },
            ],
          },
        },
        {
          request: {
            query: DecideErasureRequestMutation,
            variables: { id: onTime.id, input: { carryOut: false, answer } },
          },
          result: {
            data: {
              decideErasureRequest: {
                __typename: 'ErasureRequest',
                id: onTime.id,
                status: 'REFUSED',
                decidedAt: new Date().toISOString(),
                answer,
                outcome: null,
              },
            },
          },
        },
        // Read again once answered: it no longer waits.
        listed(['REQUESTED'], [late]),
      ],
    });

    const [, second] = await cards();
    await user.click(within(second!).getByRole('button', { name: 'Refuse' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Refuse Ben Okafor’s request?' });
    const ground = within(dialog).getByLabelText(/Legal ground/);
    await user.click(within(dialog).getByRole('button', { name: 'Refuse' }));
    await waitFor(() =>
      expect(ground).toHaveAccessibleErrorMessage(
        'Give the legal ground the patient will read, in at least 10 characters.',
      ),
    );
    // Too short, spaces aside: still not sent.
    await user.type(ground, '  too short ');
    await user.click(within(dialog).getByRole('button', { name: 'Refuse' }));
    expect(within(dialog).getByText(/in at least 10 characters/)).toBeVisible();
    expect(requests).not.toContain('DecideErasureRequest');

    // Nine characters: the client still refuses.
    await user.clear(ground);
    await user.type(ground, 'No reason');
    await user.click(within(dialog).getByRole('button', { name: 'Refuse' }));
    expect(requests).not.toContain('DecideErasureRequest');
    // Ten: the server judges it, and its word on the field shows at the field.
    await user.type(ground, '.');
    await user.click(within(dialog).getByRole('button', { name: 'Refuse' }));
    await waitFor(() =>
      expect(ground).toHaveAccessibleErrorMessage('must give the patient the legal ground for refusing'),
    );

    await user.clear(ground);
    await user.type(ground, answer);
    await user.click(within(dialog).getByRole('button', { name: 'Refuse' }));
    expect(
      await screen.findByText('Ben Okafor’s request was refused. They can read your answer in their portal.'),
    ).toBeVisible();
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Ben Okafor' })).not.toBeInTheDocument());
  }, 30_000);

  it('carries out only after a confirmation that spells out what happens, and reports what was done', async () => {
    const { user, requests } = renderApp({
      path: '/admin/privacy',
      signedInAs: testUsers.admin,
      mocks: [
        listed(['REQUESTED'], [late, onTime]),
        {
          request: { query: DecideErasureRequestMutation, variables: { id: late.id, input: { carryOut: true } } },
          result: {
            data: {
              decideErasureRequest: {
                __typename: 'ErasureRequest',
                id: late.id,
                status: 'CARRIED_OUT',
                decidedAt: new Date().toISOString(),
                answer: null,
                outcome,
              },
            },
          },
        },
        listed(['REQUESTED'], [onTime]),
      ],
    });

    const [first] = await cards();
    await user.click(within(first!).getByRole('button', { name: 'Carry out' }));
    const dialog = await screen.findByRole('alertdialog', {
      name: 'Close Ada Lovelace’s account and erase their data?',
    });
    expect(within(dialog).getByText(/This happens at once and cannot be undone/)).toBeVisible();
    expect(within(dialog).getByText(/cancels their upcoming appointments/)).toBeVisible();
    expect(within(dialog).getByText(/withdraws every consent/)).toBeVisible();
    expect(within(dialog).getByText(/erases their phone number and emergency contacts/)).toBeVisible();
    expect(within(dialog).getByText(/closes their sign-in/)).toBeVisible();
    expect(within(dialog).getByText(/Kept, as the law requires: their medical record/)).toBeVisible();
    expect(requests).not.toContain('DecideErasureRequest');

    await user.click(within(dialog).getByRole('button', { name: 'Carry out' }));
    expect(
      await screen.findByText(
        'Ada Lovelace’s account is closed. 2 upcoming appointments cancelled, 1 waitlist place left, 3 partner consents withdrawn, 0 repeat prescription requests withdrawn. They were told by e-mail.',
      ),
    ).toBeVisible();
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Ada Lovelace' })).not.toBeInTheDocument());
  }, 30_000);

  it('shows the answered ones by status: a refusal’s answer, what carrying out did', async () => {
    const { user } = renderApp({
      path: '/admin/privacy?status=CARRIED_OUT',
      signedInAs: testUsers.admin,
      mocks: [
        listed(['CARRIED_OUT'], [{ ...late, status: 'CARRIED_OUT', dueAt: ago(5), decidedAt: ago(6), outcome }]),
        listed(['REFUSED'], [{ ...onTime, status: 'REFUSED', decidedAt: ago(1), answer }]),
      ],
    });

    const [done] = await cards();
    expect(within(done!).getByText('Carried out')).toBeVisible();
    // Answered: no longer overdue, and no actions.
    expect(within(done!).queryByText('Overdue')).not.toBeInTheDocument();
    expect(within(done!).queryByRole('button')).not.toBeInTheDocument();
    expect(within(done!).getByText('2 upcoming appointments cancelled')).toBeVisible();
    expect(within(done!).getByText('3 partner consents withdrawn')).toBeVisible();

    await user.selectOptions(screen.getByLabelText('Status'), 'Refused');
    expect(await screen.findByText(answer)).toBeVisible();
    expect(screen.getByText('Answer to the patient')).toBeVisible();
  }, 30_000);
});
