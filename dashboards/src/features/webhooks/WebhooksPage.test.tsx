import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import {
  CreateWebhookMutation,
  ReactivateWebhookMutation,
  TestWebhookMutation,
  WebhookDeliveriesQuery,
  WebhooksQuery,
} from './operations';

const hook = {
  __typename: 'Webhook',
  id: '00000000-0000-4000-8000-0000000000w1',
  url: 'https://erp.example.org/hooks',
  events: ['BOOKED', 'CANCELLED'],
  claimEvents: [],
  active: false,
  createdAt: '2030-01-07T09:00:00.000Z',
  failingSince: '2030-01-08T09:00:00.000Z',
  disabledAt: '2030-01-11T09:00:00.000Z',
};
const listed = (webhooks: unknown[]) => ({ request: { query: WebhooksQuery }, result: { data: { webhooks } } });
const input = { url: 'https://new.example.org/hooks', events: ['CONFIRMED'], claimEvents: [] };
/** A webhook of an insurer's systems: claims' changes only, healthy. */
const claimHook = {
  __typename: 'Webhook',
  id: '00000000-0000-4000-8000-0000000000w3',
  url: 'https://claims.example.org/hooks',
  events: [],
  claimEvents: ['APPROVED', 'PARTIALLY_APPROVED'],
  active: true,
  createdAt: '2030-01-07T09:00:00.000Z',
  failingSince: null,
  disabledAt: null,
};
const created = (url: string) => ({
  data: {
    createWebhook: {
      __typename: 'WebhookSecret',
      secret: 'whsec_c2VjcmV0LXNob3duLW9uY2UtdG8tdGhlLWFkbWlu',
      webhook: { __typename: 'Webhook', id: 'w2', url },
    },
  },
});
/** One logged attempt to deliver an event. */
const delivery = (id: string, fields: Record<string, unknown>) => ({
  __typename: 'WebhookDeliveryEdge',
  node: {
    __typename: 'WebhookDelivery',
    id,
    eventId: `00000000-0000-4000-8000-0000000000e${id}`,
    attempt: 1,
    succeeded: true,
    statusCode: 204,
    durationMs: 41,
    errorClass: null,
    attemptedAt: '2030-01-09T10:00:00.000Z',
    nextAttemptAt: null,
    ...fields,
  },
});

describe('WebhooksPage', () => {
  it('lists webhooks with their state, refuses bad input with the server’s words, and shows a new secret once', async () => {
    const { user } = renderApp({
      path: '/admin/webhooks',
      signedInAs: testUsers.admin,
      mocks: [
        listed([hook]),
        {
          request: { query: CreateWebhookMutation, variables: { input } },
          result: {
            errors: [
              {
                message: 'Invalid input',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'input.url', message: 'must resolve to public addresses only' }],
                },
              },
            ],
          },
        },
        { request: { query: CreateWebhookMutation, variables: { input } }, result: created(input.url) },
        listed([hook]),
      ],
    });

    const list = await screen.findByRole('list', { name: 'Webhooks' }, { timeout: 5000 });
    expect(within(list).getByText('https://erp.example.org/hooks')).toBeVisible();
    expect(within(list).getByText(/Turned off/)).toBeVisible();

    const form = screen.getByRole('form', { name: 'New webhook' });
    await user.click(within(form).getByRole('button', { name: 'Create webhook' }));
    expect(
      await within(form).findByText(
        'Choose at least one kind of event: of appointments, of insurance claims, or both.',
        {},
        { timeout: 5000 },
      ),
    ).toBeVisible();

    await user.type(within(form).getByLabelText(/Endpoint URL/), input.url);
    await user.click(within(form).getByText('Confirmed', { exact: true }));
    await user.click(within(form).getByRole('button', { name: 'Create webhook' }));
    expect(await within(form).findByText('must resolve to public addresses only', {}, { timeout: 5000 })).toBeVisible();

    await user.click(within(form).getByRole('button', { name: 'Create webhook' }));
    expect(await screen.findByLabelText('Signing secret', { exact: true }, { timeout: 5000 })).toHaveTextContent(
      'whsec_c2VjcmV0LXNob3duLW9uY2UtdG8tdGhlLWFkbWlu',
    );
    await user.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByLabelText('Signing secret', { exact: true })).toBeNull();
  });

  it('sends a test event to a turned-off webhook, shows how it went, and turns it back on', async () => {
    const { user } = renderApp({
      path: '/admin/webhooks',
      signedInAs: testUsers.admin,
      mocks: [
        listed([hook]),
        {
          request: { query: TestWebhookMutation, variables: { id: hook.id } },
          result: {
            data: {
              testWebhook: {
                __typename: 'WebhookTestResult',
                messageId: '00000000-0000-4000-8000-0000000000t1',
                succeeded: true,
                statusCode: 204,
                durationMs: 38,
                errorClass: null,
              },
            },
          },
        },
        {
          request: { query: ReactivateWebhookMutation, variables: { id: hook.id } },
          result: {
            data: {
              reactivateWebhook: {
                __typename: 'Webhook',
                id: hook.id,
                active: true,
                failingSince: null,
                disabledAt: null,
              },
            },
          },
        },
      ],
    });
    const list = await screen.findByRole('list', { name: 'Webhooks' }, { timeout: 5000 });
    expect(within(list).getByText(/Fix the endpoint, send a test event, then turn it back on/)).toBeVisible();
    await user.click(within(list).getByRole('button', { name: 'Send test event' }));
    expect(await within(list).findByRole('status', {}, { timeout: 5000 })).toHaveTextContent(
      'Test event delivered: the endpoint answered 204 in 38 ms.',
    );
    await user.click(within(list).getByRole('button', { name: 'Turn back on' }));
    expect(await within(list).findByText('Active', {}, { timeout: 5000 })).toBeVisible();
    expect(within(list).queryByRole('button', { name: 'Turn back on' })).toBeNull();
  });

  it('creates a webhook of insurance claims only: no appointment kinds, the chosen claim kinds', async () => {
    const claimInput = {
      url: 'https://insurer.example.org/hooks',
      events: [],
      claimEvents: ['SUBMITTED', 'PAID'],
    };
    const { user } = renderApp({
      path: '/admin/webhooks',
      signedInAs: testUsers.admin,
      mocks: [
        listed([hook]),
        {
          request: { query: CreateWebhookMutation, variables: { input: claimInput } },
          result: created(claimInput.url),
        },
        listed([hook]),
      ],
    });
    await screen.findByRole('list', { name: 'Webhooks' }, { timeout: 5000 });
    const form = screen.getByRole('form', { name: 'New webhook' });
    const claims = within(form).getByRole('group', { name: 'Insurance claims' });
    // What claims become, a draft excepted (it is never sent).
    expect(
      within(claims)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent),
    ).toEqual(['Submitted', 'Approved', 'Partly approved', 'Rejected', 'Paid']);
    expect(within(form).getByRole('group', { name: 'Appointment events' })).toBeVisible();

    await user.type(within(form).getByLabelText(/Endpoint URL/), claimInput.url);
    await user.click(within(claims).getByText('Submitted', { exact: true }));
    await user.click(within(claims).getByText('Paid', { exact: true }));
    await user.click(within(form).getByRole('button', { name: 'Create webhook' }));
    expect(await screen.findByLabelText('Signing secret', { exact: true }, { timeout: 5000 })).toHaveTextContent(
      'whsec_c2VjcmV0LXNob3duLW9uY2UtdG8tdGhlLWFkbWlu',
    );
    expect(within(form).queryByText(/Choose at least one kind of event/)).toBeNull();
  });

  it('lists the claim kinds a webhook receives and names each delivery’s event, a claim’s by its type', async () => {
    const { user } = renderApp({
      path: '/admin/webhooks',
      signedInAs: testUsers.admin,
      mocks: [
        listed([{ ...hook, claimEvents: ['SUBMITTED'] }, claimHook]),
        {
          request: { query: WebhookDeliveriesQuery, variables: { webhookId: claimHook.id } },
          result: {
            data: {
              webhookDeliveries: {
                __typename: 'WebhookDeliveryConnection',
                totalCount: 2,
                pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
                edges: [
                  delivery('1', { type: 'claim.partially_approved', eventKind: null, claimKind: 'PARTIALLY_APPROVED' }),
                  delivery('2', { type: 'appointment.booked', eventKind: 'BOOKED', claimKind: null }),
                ],
              },
            },
          },
        },
      ],
    });
    const list = await screen.findByRole('list', { name: 'Webhooks' }, { timeout: 5000 });
    const [both, claimsOnly] = within(list).getAllByRole('listitem');
    expect(within(both!).getByText('Booked')).toBeVisible();
    expect(within(both!).getByText('Claim submitted')).toBeVisible();
    expect(within(claimsOnly!).getByText('Claim approved')).toBeVisible();
    expect(within(claimsOnly!).getByText('Claim partly approved')).toBeVisible();

    await user.click(within(claimsOnly!).getByRole('button', { name: 'Deliveries' }));
    const table = await screen.findByRole('table', {}, { timeout: 5000 });
    const [, claimRow, appointmentRow] = within(table).getAllByRole('row');
    expect(within(claimRow!).getByText('Claim partly approved')).toBeVisible();
    expect(within(claimRow!).getByText('claim.partially_approved')).toBeVisible();
    expect(within(appointmentRow!).getByText('Booked')).toBeVisible();
    expect(within(appointmentRow!).getByText('appointment.booked')).toBeVisible();
  });
});
