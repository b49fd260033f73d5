import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { AccessAlertsQuery, ReviewAccessAlertMutation } from './operations';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

const alert = (id: string, overrides: object) => ({
  __typename: 'AccessAlert',
  id,
  rule: 'MANY_CHARTS',
  status: 'OPEN',
  actorId: '00000000-0000-4000-8000-0000000000b1',
  actorRole: 'DOCTOR',
  actorName: 'Dr Mara Ng',
  windowStart: at(-1.2 * HOUR),
  windowEnd: at(-0.2 * HOUR),
  patientCount: 64,
  usualCount: 11,
  reviewedAt: null,
  note: null,
  patientsNotified: null,
  reportDueAt: null,
  ...overrides,
});

const wide = alert('00000000-0000-4000-8000-0000000000c1', {});
const glass = alert('00000000-0000-4000-8000-0000000000c2', {
  rule: 'REPEATED_EMERGENCY_ACCESS',
  actorId: '00000000-0000-4000-8000-0000000000b2',
  actorName: 'Dr Ivo Berg',
  windowStart: at(-25 * HOUR),
  windowEnd: at(-HOUR),
  patientCount: 3,
  usualCount: null,
});
/** About the signed-in administrator: another one reviews it. */
const own = alert('00000000-0000-4000-8000-0000000000c3', {
  actorId: testUsers.admin.id,
  actorRole: 'ADMIN',
  actorName: 'admin@clinic.test',
  patientCount: 40,
  usualCount: 0,
});

/** One page of alerts under `status` (none: every status). */
const listed = (status: readonly string[] | undefined, nodes: readonly object[]) => ({
  request: { query: AccessAlertsQuery, variables: { ...(status ? { status } : {}), first: 20 } },
  result: {
    data: {
      accessAlerts: {
        __typename: 'AccessAlertConnection',
        totalCount: nodes.length,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges: nodes.map((node) => ({ __typename: 'AccessAlertEdge', node })),
      },
    },
  },
});

const reviewed = (id: string, breach: boolean, note: string, fields: object = {}) => ({
  request: { query: ReviewAccessAlertMutation, variables: { id, input: { breach, note } } },
  result: {
    data: {
      reviewAccessAlert: {
        __typename: 'AccessAlert',
        id,
        status: breach ? 'BREACH' : 'DISMISSED',
        reviewedAt: new Date().toISOString(),
        note,
        patientsNotified: null,
        reportDueAt: null,
        ...fields,
      },
    },
  },
});

const refused = (
  id: string,
  breach: boolean,
  note: string,
  extensions: Record<string, unknown>,
  message = 'Refused',
) => ({
  request: { query: ReviewAccessAlertMutation, variables: { id, input: { breach, note } } },
  result: { errors: [{ message, extensions }] },
});

/** The alerts' cards, in order (not the items of a list inside one). */
async function cards() {
  const list = await screen.findByRole('list', { name: 'Access alerts' });
  return within(list)
    .getAllByRole('listitem')
    .filter((item) => item.parentElement === list);
}

const explained = 'Dr Ng explained it: the quarterly review of the diabetes clinic, agreed with the head.';
const misuse = 'Dr Berg could not name a reason; none of the three was an emergency.';

describe('AccessAlertsPage', () => {
  it('lists the open alerts in plain words, with the account’s role and when; no review of one’s own account', async () => {
    renderApp({
      path: '/admin/access-alerts',
      signedInAs: testUsers.admin,
      mocks: [listed(['OPEN'], [wide, glass, own])],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Access alerts' })).toBeVisible();
    expect(screen.getByLabelText('Show')).toHaveValue('OPEN');
    const [first, second, third] = await cards();
    const what =
      'Dr Mara Ng read the charts of 64 patients within an hour — at most 11 in any hour of the four weeks before';
    expect(within(first!).getByRole('heading', { level: 2, name: what })).toBeVisible();
    expect(within(first!).getByText('Waiting for review')).toBeVisible();
    expect(within(first!).getByText('Doctor')).toBeVisible();
    expect(within(first!).getByText('When')).toBeVisible();
    expect(within(first!).getByRole('button', { name: 'Review' })).toHaveAccessibleDescription(what);
    expect(
      within(second!).getByRole('heading', {
        name: 'Dr Ivo Berg opened 3 patients’ charts with emergency access within a day',
      }),
    ).toBeVisible();
    expect(within(second!).getByText('Repeated emergency access')).toBeVisible();
    expect(
      within(third!).getByRole('heading', {
        name: 'admin@clinic.test read the charts of 40 patients within an hour — none in any hour of the four weeks before',
      }),
    ).toBeVisible();
    expect(within(third!).getByText('Administrator')).toBeVisible();
    expect(within(third!).queryByRole('button', { name: 'Review' })).not.toBeInTheDocument();
    expect(within(third!).getByText(/another administrator reviews it/)).toBeVisible();
  });

  it('dismisses only with a note of at least 10 characters, the server’s word on it shown at the field', async () => {
    const { user, requests } = renderApp({
      path: '/admin/access-alerts',
      signedInAs: testUsers.admin,
      mocks: [
        listed(['OPEN'], [wide, glass]),
        refused(wide.id, false, 'Explained.', {
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'input.note', message: 'must say what the review found, in 10 to 2000 characters' }],
        }),
        reviewed(wide.id, false, explained),
        // Read again once reviewed: it no longer waits.
        listed(['OPEN'], [glass]),
      ],
    });

    const [first] = await cards();
    await user.click(within(first!).getByRole('button', { name: 'Review' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review the alert about Dr Mara Ng' });
    const note = within(dialog).getByLabelText(/What the review found/);
    await user.click(within(dialog).getByRole('button', { name: 'Not a breach' }));
    await waitFor(() =>
      expect(note).toHaveAccessibleErrorMessage('Say what the review found, in at least 10 characters.'),
    );
    // Nine characters, spaces aside: still not sent.
    await user.type(note, '  Explained');
    await user.click(within(dialog).getByRole('button', { name: 'Not a breach' }));
    expect(requests).not.toContain('ReviewAccessAlert');

    // Ten: the server judges it, and its word shows at the field.
    await user.type(note, '.');
    await user.click(within(dialog).getByRole('button', { name: 'Not a breach' }));
    await waitFor(() =>
      expect(note).toHaveAccessibleErrorMessage('must say what the review found, in 10 to 2000 characters'),
    );

    await user.clear(note);
    await user.type(note, explained);
    await user.click(within(dialog).getByRole('button', { name: 'Not a breach' }));
    expect(await screen.findByText('The alert about Dr Mara Ng was closed as not a breach.')).toBeVisible();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByText(/Dr Mara Ng read the charts/)).not.toBeInTheDocument());
  }, 30_000);

  it('confirms a breach after saying what happens: the account locked out, its patients told, 72 hours to report', async () => {
    const dueAt = at(72 * HOUR);
    const { user } = renderApp({
      path: '/admin/access-alerts',
      signedInAs: testUsers.admin,
      mocks: [
        listed(['OPEN'], [wide, glass]),
        reviewed(glass.id, true, misuse, { patientsNotified: 3, reportDueAt: dueAt }),
        listed(['OPEN'], [wide]),
      ],
    });

    const [, second] = await cards();
    await user.click(within(second!).getByRole('button', { name: 'Review' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review the alert about Dr Ivo Berg' });
    expect(within(dialog).getByText(/cannot be undone/)).toBeVisible();
    expect(within(dialog).getByText(/Dr Ivo Berg’s account is locked out: signed out everywhere/)).toBeVisible();
    expect(within(dialog).getByText(/The 3 patients whose charts it read are told/)).toBeVisible();
    expect(within(dialog).getByText(/supervisory authority within 72 hours/)).toBeVisible();

    await user.type(within(dialog).getByLabelText(/What the review found/), misuse);
    await user.click(within(dialog).getByRole('button', { name: 'Confirm breach' }));
    expect(
      await screen.findByText(
        /^Breach confirmed\. Dr Ivo Berg’s account is locked out and 3 patients were told\. Report it to the supervisory authority by .+\.$/,
      ),
    ).toBeVisible();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByText(/Dr Ivo Berg opened/)).not.toBeInTheDocument());
  }, 30_000);

  it('says when another administrator reviewed the alert meanwhile, and reads the list again', async () => {
    const { user } = renderApp({
      path: '/admin/access-alerts',
      signedInAs: testUsers.admin,
      mocks: [
        listed(['OPEN'], [wide]),
        refused(wide.id, true, misuse, { code: 'CONFLICT', reason: 'ACCESS_ALERT_ALREADY_REVIEWED' }),
        listed(['OPEN'], []),
      ],
    });

    const [first] = await cards();
    await user.click(within(first!).getByRole('button', { name: 'Review' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/What the review found/), misuse);
    await user.click(within(dialog).getByRole('button', { name: 'Confirm breach' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Another administrator has reviewed this alert meanwhile; the list now shows their review.',
    );
    expect(within(dialog).getByRole('button', { name: 'Confirm breach' })).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Not a breach' })).toBeDisabled();
    expect(await screen.findByText('None is waiting for a review.')).toBeInTheDocument();
  }, 30_000);

  it('says an alert about one’s own account is for another administrator when the API refuses it', async () => {
    const { user } = renderApp({
      path: '/admin/access-alerts',
      signedInAs: testUsers.admin,
      mocks: [listed(['OPEN'], [wide]), refused(wide.id, false, explained, { code: 'FORBIDDEN' })],
    });

    const [first] = await cards();
    await user.click(within(first!).getByRole('button', { name: 'Review' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/What the review found/), explained);
    await user.click(within(dialog).getByRole('button', { name: 'Not a breach' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This alert is about your own account, so another administrator must review it.',
    );
  }, 30_000);

  it('shows the reviewed ones: the note, when reviewed, a breach’s patients told and its report deadline while ahead', async () => {
    const { user } = renderApp({
      path: '/admin/access-alerts?status=REVIEWED',
      signedInAs: testUsers.admin,
      mocks: [
        listed(
          ['DISMISSED', 'BREACH'],
          [
            {
              ...glass,
              status: 'BREACH',
              reviewedAt: at(-HOUR),
              note: misuse,
              patientsNotified: 3,
              reportDueAt: at(71 * HOUR),
            },
            {
              ...wide,
              id: '00000000-0000-4000-8000-0000000000c4',
              status: 'BREACH',
              reviewedAt: at(-10 * DAY),
              note: 'Shared password found; the doctor’s account was used from abroad.',
              patientsNotified: 1,
              reportDueAt: at(-7 * DAY),
            },
            { ...wide, status: 'DISMISSED', reviewedAt: at(-2 * HOUR), note: explained },
          ],
        ),
        listed(undefined, []),
      ],
    });

    expect(await screen.findByLabelText('Show')).toHaveValue('REVIEWED');
    const [breach, old, dismissed] = await cards();
    expect(within(breach!).getByText('Breach')).toBeVisible();
    expect(within(breach!).getByText(misuse)).toBeVisible();
    expect(within(breach!).getByText('Reviewed')).toBeVisible();
    expect(within(breach!).getByText(/3 patients told/)).toBeVisible();
    expect(within(breach!).getByText(/^Report to the supervisory authority by /)).toBeVisible();
    expect(within(breach!).getByText(/^71 hours left/)).toBeVisible();
    expect(within(breach!).queryByRole('button')).not.toBeInTheDocument();
    // Its deadline passed: said, not highlighted.
    expect(within(old!).getByText(/1 patient told/)).toBeVisible();
    expect(within(old!).queryByText(/^Report to the supervisory authority by /)).not.toBeInTheDocument();
    expect(within(old!).getByText(/^The report to the supervisory authority was due by /)).toBeVisible();
    expect(within(dismissed!).getByText('Not a breach')).toBeVisible();
    expect(within(dismissed!).getByText(explained)).toBeVisible();
    expect(within(dismissed!).queryByText(/patients? told/)).not.toBeInTheDocument();
    expect(within(dismissed!).queryByText(/supervisory authority/)).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Show'), 'All alerts');
    expect(await screen.findByText('No access alerts')).toBeVisible();
  }, 30_000);
});
