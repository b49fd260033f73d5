import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import { CreateWebhookMutation, ReactivateWebhookMutation, TestWebhookMutation, WebhooksQuery } from './operations';

const hook = {
  __typename: 'Webhook',
  id: '00000000-0000-4000-8000-0000000000w1',
  url: 'https://erp.example.org/hooks',
  events: ['BOOKED', 'CANCELLED'],
  active: false,
  createdAt: '2030-01-07T09:00:00.000Z',
  failingSince: '2030-01-08T09:00:00.000Z',
  disabledAt: '2030-01-11T09:00:00.000Z',
};
const listed = (webhooks: unknown[]) => ({ request: { query: WebhooksQuery }, result: { data: { webhooks } } });
const input = { url: 'https://new.example.org/hooks', events: ['CONFIRMED'] };

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
        {
          request: { query: CreateWebhookMutation, variables: { input } },
          result: {
            data: {
              createWebhook: {
                __typename: 'WebhookSecret',
                secret: 'whsec_c2VjcmV0LXNob3duLW9uY2UtdG8tdGhlLWFkbWlu',
                webhook: { __typename: 'Webhook', id: 'w2', url: input.url },
              },
            },
          },
        },
        listed([hook]),
      ],
    });

    const list = await screen.findByRole('list', { name: 'Webhooks' }, { timeout: 5000 });
    expect(within(list).getByText('https://erp.example.org/hooks')).toBeVisible();
    expect(within(list).getByText(/Turned off/)).toBeVisible();

    const form = screen.getByRole('form', { name: 'New webhook' });
    await user.click(within(form).getByRole('button', { name: 'Create webhook' }));
    expect(await within(form).findByText('Choose at least one kind of event.', {}, { timeout: 5000 })).toBeVisible();

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
});
