import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDay, viewerTimeZone } from '../../shared/format-date-time';
import { renderApp, testUsers } from '../../test/render-app';
import { MyErasureRequestsQuery, RequestErasureMutation, WithdrawErasureRequestMutation } from './operations';

const DAY = 86_400_000;
const asked = new Date(Date.now() - 3 * DAY).toISOString();
const due = new Date(Date.now() + 27 * DAY).toISOString();

const request = (overrides: object = {}) => ({
  __typename: 'ErasureRequest',
  id: '00000000-0000-4000-8000-0000000000e1',
  status: 'REQUESTED',
  reason: 'I am moving abroad.',
  createdAt: asked,
  dueAt: due,
  decidedAt: null,
  answer: null,
  ...overrides,
});

/** The patient's requests, one page (oldest first, as the API answers). */
const mine = (nodes: readonly object[]) => ({
  request: { query: MyErasureRequestsQuery },
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

const refused = request({
  id: '00000000-0000-4000-8000-0000000000e0',
  status: 'REFUSED',
  reason: null,
  createdAt: new Date(Date.now() - 90 * DAY).toISOString(),
  dueAt: new Date(Date.now() - 60 * DAY).toISOString(),
  decidedAt: new Date(Date.now() - 70 * DAY).toISOString(),
  answer: 'Your bill of 3 March is still being settled with your insurer; we must keep your account until then.',
});

describe('PrivacyPage', () => {
  it('says what closing the account does and keeps, asks only once confirmed, then withdraws', async () => {
    const { user, requests } = renderApp({
      path: '/patient/privacy',
      signedInAs: testUsers.patient,
      mocks: [
        mine([]),
        {
          request: { query: RequestErasureMutation, variables: { reason: 'I am moving abroad.' } },
          result: { data: { requestErasure: request() } },
        },
        // Read again once asked: the request waits for the clinic.
        mine([request()]),
        {
          request: { query: WithdrawErasureRequestMutation, variables: { id: request().id } },
          result: {
            data: {
              withdrawErasureRequest: {
                __typename: 'ErasureRequest',
                id: request().id,
                status: 'WITHDRAWN',
                decidedAt: new Date().toISOString(),
              },
            },
          },
        },
        mine([request({ status: 'WITHDRAWN', decidedAt: new Date().toISOString() })]),
      ],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Privacy' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'What closing your account does' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'What the clinic keeps' })).toBeVisible();
    expect(screen.getByText(/keep your medical record, your bills, your messages/)).toBeVisible();
    const form = await screen.findByRole('form', { name: 'Ask to close your account' });

    await user.type(within(form).getByLabelText(/Anything the clinic should know/), 'I am moving abroad.');
    // Not confirmed: nothing is sent, and the tick box says why.
    await user.click(within(form).getByRole('button', { name: 'Ask to close my account' }));
    expect(
      await within(form).findByText('Tick the box to confirm that you understand what closing your account means.'),
    ).toBeVisible();
    const confirm = within(form).getByRole('checkbox', { name: /I understand my account will be closed/ });
    await waitFor(() => expect(confirm).toHaveFocus());
    expect(requests).not.toContain('RequestErasure');

    await user.click(within(form).getByText(/I understand my account will be closed/));
    expect(confirm).toBeChecked();
    await user.click(within(form).getByRole('button', { name: 'Ask to close my account' }));
    expect(
      await screen.findByText(
        `Your request was sent. The clinic will answer by ${formatDay(due, viewerTimeZone())}. Until then you can withdraw it.`,
      ),
    ).toBeVisible();
    // While it waits: no second form, its status, its due date and the patient's own words.
    expect(screen.queryByRole('form', { name: 'Ask to close your account' })).not.toBeInTheDocument();
    const list = screen.getByRole('region', { name: 'Your requests' });
    expect(within(list).getByText('Waiting for the clinic')).toBeVisible();
    expect(within(list).getByText(`The clinic will answer by ${formatDay(due, viewerTimeZone())}.`)).toBeVisible();
    expect(within(list).getByText('I am moving abroad.')).toBeVisible();

    const withdraw = within(list).getByRole('button', { name: 'Withdraw request' });
    expect(withdraw).toHaveAccessibleDescription(`Asked on ${formatDay(asked, viewerTimeZone())}`);
    await user.click(withdraw);
    expect(await screen.findByText('You withdrew your request. Your account stays open.')).toBeVisible();
    expect(await within(list).findByText('Withdrawn')).toBeVisible();
    expect(within(list).queryByRole('button', { name: 'Withdraw request' })).not.toBeInTheDocument();
    // Free to ask again.
    expect(await screen.findByRole('form', { name: 'Ask to close your account' })).toBeVisible();
  }, 30_000);

  it('shows the clinic’s answer to a refusal, a field’s problem at the field, and an open request asked again', async () => {
    const { user } = renderApp({
      path: '/patient/privacy',
      signedInAs: testUsers.patient,
      mocks: [
        mine([refused]),
        {
          request: { query: RequestErasureMutation, variables: { reason: 'Please.' } },
          result: {
            errors: [
              {
                message: 'Invalid input',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'reason', message: 'must be at most 1000 characters' }],
                },
              },
            ],
          },
        },
        {
          request: { query: RequestErasureMutation, variables: { reason: 'Please.' } },
          result: {
            errors: [
              {
                message: 'You already asked: the clinic is looking at your request.',
                extensions: { code: 'CONFLICT', reason: 'ERASURE_ALREADY_REQUESTED' },
              },
            ],
          },
        },
        // Asked from another device meanwhile: read again, it is there.
        mine([refused, request()]),
      ],
    });

    const list = await screen.findByRole('region', { name: 'Your requests' });
    expect(within(list).getByText('Refused')).toBeVisible();
    expect(within(list).getByText('The clinic’s answer')).toBeVisible();
    expect(within(list).getByText(/still being settled with your insurer/)).toBeVisible();

    const form = screen.getByRole('form', { name: 'Ask to close your account' });
    const reason = within(form).getByLabelText(/Anything the clinic should know/);
    await user.type(reason, 'Please.');
    await user.click(within(form).getByText(/I understand my account will be closed/));
    await user.click(within(form).getByRole('button', { name: 'Ask to close my account' }));
    await waitFor(() => expect(reason).toHaveAccessibleErrorMessage('must be at most 1000 characters'));

    await user.click(within(form).getByRole('button', { name: 'Ask to close my account' }));
    expect(
      await screen.findByText('You have already asked to close your account. Your request is shown below.'),
    ).toBeVisible();
    expect(await within(list).findByText('Waiting for the clinic')).toBeVisible();
    await waitFor(() =>
      expect(screen.queryByRole('form', { name: 'Ask to close your account' })).not.toBeInTheDocument(),
    );
  }, 30_000);
});
