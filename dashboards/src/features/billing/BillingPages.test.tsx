import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp, testUsers } from '../../test/render-app';
import {
  AdminInvoicesQuery,
  BalanceDueQuery,
  ClaimsQuery,
  DecideClaimMutation,
  DraftInvoiceIdsQuery,
  MyInvoicesQuery,
  PoliciesQuery,
  ReceivablesQuery,
  IssueInvoicesMutation,
  RecordPaymentMutation,
} from './operations';

const money = (amount: string, currency = 'EUR') => ({ __typename: 'Money', amount, currency });

const invoice = (overrides: object = {}) => ({
  __typename: 'Invoice',
  id: '00000000-0000-4000-8000-0000000000f1',
  number: 'CGH-2026-000042',
  status: 'PARTIALLY_PAID',
  issuedAt: '2026-11-02T09:00:00.000Z',
  dueDate: '2026-12-02',
  overdue: false,
  voidReason: null,
  patientId: testUsers.patient.patient.id,
  total: money('80.00'),
  balance: money('29.50'),
  lines: [
    {
      __typename: 'InvoiceLine',
      description: 'Consultation — Dr Dana Reyes, Cardiology',
      quantity: 1,
      unitPrice: money('80.00'),
      total: money('80.00'),
    },
  ],
  payments: [
    {
      __typename: 'Payment',
      id: '00000000-0000-4000-8000-0000000000p1'.replace('p', 'e'),
      method: 'CASH',
      reference: null,
      paidAt: '2026-11-03T10:00:00.000Z',
      amount: money('50.50'),
    },
  ],
  ...overrides,
});

const claimsMock = (variables: object, edges: object[]) => ({
  request: { query: ClaimsQuery, variables },
  result: {
    data: {
      claims: {
        __typename: 'InsuranceClaimConnection',
        totalCount: edges.length,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges,
      },
      claimTotals: edges.length
        ? [{ __typename: 'ClaimTotals', currency: 'EUR', count: 1, claimed: money('80.00'), approved: money('56.00') }]
        : [],
    },
  },
});

const claimEdge = {
  __typename: 'InsuranceClaimEdge',
  node: {
    __typename: 'InsuranceClaim',
    id: '00000000-0000-4000-8000-0000000000c1',
    status: 'SUBMITTED',
    submittedAt: '2026-11-04T10:00:00.000Z',
    decidedAt: null,
    note: null,
    amountClaimed: money('80.00'),
    amountApproved: null,
    policy: {
      __typename: 'InsurancePolicy',
      id: '00000000-0000-4000-8000-0000000000b1',
      provider: 'AOK',
      policyNumber: 'P-1',
    },
    invoice: {
      __typename: 'Invoice',
      id: '00000000-0000-4000-8000-0000000000f1',
      number: 'CGH-2026-000042',
      patient: { __typename: 'Patient', id: testUsers.patient.patient.id, firstName: 'Pat', lastName: 'Jones' },
    },
    decidedByPartner: null,
  },
};

const invoicesMock = (status: readonly string[] | null, edges: object[], totalCount = edges.length) => ({
  request: { query: MyInvoicesQuery, variables: { status, first: 30 } },
  result: {
    data: {
      invoices: {
        __typename: 'InvoiceConnection',
        totalCount,
        pageInfo: { __typename: 'PageInfo', hasNextPage: totalCount > edges.length, endCursor: 'c1' },
        edges,
      },
    },
  },
});

const balanceMock = (balances: object[], variables: object = {}) => ({
  request: { query: BalanceDueQuery, variables },
  result: { data: { balanceDue: balances.map((b) => ({ __typename: 'BalanceDue', ...b })) } },
});

const policiesMock = {
  request: { query: PoliciesQuery, variables: {} },
  result: {
    data: {
      insurancePolicies: [
        {
          __typename: 'InsurancePolicy',
          id: '00000000-0000-4000-8000-0000000000b1',
          provider: 'AOK',
          policyNumber: 'P-1',
          memberId: 'M-7',
          validFrom: '2025-01-01',
          validTo: null,
        },
      ],
    },
  },
};

describe('PatientBillingPage', () => {
  it('shows what the patient owes, their invoices with balance and PDF, their policies and claim status', async () => {
    renderApp({
      path: '/patient/billing',
      signedInAs: testUsers.patient,
      mocks: [
        invoicesMock(
          null,
          [
            { __typename: 'InvoiceEdge', node: invoice() },
            {
              __typename: 'InvoiceEdge',
              node: invoice({
                id: '00000000-0000-4000-8000-0000000000f2',
                number: 'CGH-2026-000043',
                status: 'DRAFT',
                issuedAt: null,
                dueDate: null,
                balance: money('80.00'),
                payments: [],
              }),
            },
          ],
          1031,
        ),
        balanceMock([
          {
            currency: 'EUR',
            owed: money('109.50'),
            invoices: 2,
            overdue: money('80.00'),
            overdueInvoices: 1,
            awaitingInsurer: money('80.00'),
            nextDueDate: '2026-12-02',
          },
          {
            currency: 'GBP',
            owed: money('40.00', 'GBP'),
            invoices: 1,
            overdue: money('0.00', 'GBP'),
            overdueInvoices: 0,
            awaitingInsurer: money('0.00', 'GBP'),
            nextDueDate: '2026-12-20',
          },
        ]),
        policiesMock,
        claimsMock({ first: 40 }, [claimEdge]),
      ],
    });
    const owed = await screen.findByRole('region', { name: 'To pay' }, { timeout: 5000 });
    expect(within(owed).getByText('€109.50')).toBeVisible();
    expect(within(owed).getByText('on 2 bills, next due 2 Dec 2026')).toBeVisible();
    expect(within(owed).getByText('€80.00 overdue on 1 bill')).toBeVisible();
    expect(within(owed).getByText('€80.00 of it is claimed from your insurer, who has not decided yet.')).toBeVisible();
    // Another currency is owed apart, and says nothing of what it does not have.
    expect(within(owed).getByText('£40.00')).toBeVisible();
    expect(within(owed).getByText('on 1 bill, next due 20 Dec 2026')).toBeVisible();
    expect(within(owed).getAllByText(/overdue/)).toHaveLength(1);
    const [card, draft] = await screen.findAllByTestId('invoice', {}, { timeout: 5000 });
    if (!card || !draft) {
      throw new Error('two invoice cards expected');
    }
    // A draft is the clinic's still: the patient is told nothing is due yet.
    expect(within(draft).getByText('Being prepared: nothing is due until the clinic issues it')).toBeVisible();
    expect(within(draft).queryByText(/Balance/)).not.toBeInTheDocument();
    expect(card).toHaveAccessibleName('Invoice CGH-2026-000042');
    expect(within(card).getByText('Invoice CGH-2026-000042')).toBeVisible();
    expect(within(card).getByText('Partly paid')).toBeVisible();
    expect(within(card).queryByText('Overdue')).not.toBeInTheDocument();
    expect(within(card).getByText(/due 2 Dec 2026/)).toBeVisible();
    expect(within(card).getByText(/Balance/)).toHaveTextContent('29.50');
    // The same buttons on every card: each is described by its invoice (a receipt by its payment too).
    expect(within(card).getByRole('button', { name: 'Download PDF' })).toHaveAccessibleDescription(
      'Invoice CGH-2026-000042',
    );
    expect(screen.getByText('Showing 2 of 1,031 invoices')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Load more' })).toBeVisible();
    expect(within(card).getByRole('button', { name: 'Receipt' })).toHaveAccessibleDescription(
      /· cash Invoice CGH-2026-000042$/,
    );
    // A patient gets no admin actions.
    expect(within(card).queryByRole('button', { name: 'Record payment' })).not.toBeInTheDocument();
    expect(await screen.findByText('AOK · P-1')).toBeVisible();
    expect(screen.getByText(/valid 1 Jan 2025 – open-ended/)).toBeVisible();
    expect(await screen.findByText('Submitted')).toBeVisible();
  });

  it('lists only the bills to pay when asked, keeps that in the address, and says when nothing is owed', async () => {
    const user = userEvent.setup();
    const { router } = renderApp({
      path: '/patient/billing',
      signedInAs: testUsers.patient,
      mocks: [
        invoicesMock(null, [{ __typename: 'InvoiceEdge', node: invoice({ status: 'PAID', balance: money('0.00') }) }]),
        invoicesMock(['ISSUED', 'PARTIALLY_PAID'], []),
        balanceMock([]),
        policiesMock,
        claimsMock({ first: 40 }, []),
      ],
    });
    expect(
      await screen.findByText('You owe nothing: every bill issued to you is paid.', {}, { timeout: 5000 }),
    ).toBeVisible();
    expect(await screen.findByTestId('invoice')).toBeVisible();
    expect(screen.getByRole('button', { name: 'All bills' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'To pay' }));
    expect(await screen.findByText('Nothing to pay')).toBeVisible();
    expect(screen.queryByTestId('invoice')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'To pay' })).toHaveAttribute('aria-pressed', 'true');
    expect(router.state.location.search).toBe('?show=to-pay');
  });
});

describe('InvoicesPage', () => {
  it('lets an admin record a payment and shows the server’s field error beside the field', async () => {
    const { user } = renderApp({
      path: '/admin/invoices',
      signedInAs: testUsers.admin,
      mocks: [
        { request: { query: ReceivablesQuery }, result: { data: { receivables: [] } } },
        {
          request: { query: AdminInvoicesQuery, variables: { first: 20 } },
          result: {
            data: {
              invoices: {
                __typename: 'InvoiceConnection',
                totalCount: 1,
                pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
                edges: [
                  {
                    __typename: 'InvoiceEdge',
                    node: {
                      ...invoice(),
                      patient: {
                        __typename: 'Patient',
                        id: testUsers.patient.patient.id,
                        firstName: 'Pat',
                        lastName: 'Jones',
                      },
                    },
                  },
                ],
              },
            },
          },
        },
        {
          request: {
            query: RecordPaymentMutation,
            variables: {
              invoiceId: invoice().id,
              input: { amount: '30.00', currency: 'EUR', method: 'CASH', reference: null },
            },
          },
          result: {
            errors: [
              {
                message: 'The payment is more than the balance.',
                extensions: {
                  code: 'CONFLICT',
                  reason: 'OVERPAYMENT',
                  fields: [{ field: 'input.amount', message: 'is more than the balance' }],
                },
              },
            ],
          },
        },
      ],
    });
    const card = await screen.findByTestId('invoice', {}, { timeout: 5000 });
    expect(within(card).getByText('Pat Jones')).toBeVisible();
    // The form is there when asked for, not on every open invoice of the page.
    expect(within(card).queryByLabelText(/Amount \(EUR\)/)).not.toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Record a payment…' }));
    // The keyboard goes on in the form that took the button's place, and back to the button with Cancel.
    await waitFor(() => expect(within(card).getByLabelText(/Amount \(EUR\)/)).toHaveFocus());
    await user.click(within(card).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(within(card).getByRole('button', { name: 'Record a payment…' })).toHaveFocus());
    await user.click(within(card).getByRole('button', { name: 'Record a payment…' }));
    const amount = within(card).getByLabelText(/Amount \(EUR\)/);
    expect(amount).toHaveValue('29.50');
    await user.clear(amount);
    await user.type(amount, '30,00');
    await user.click(within(card).getByRole('button', { name: 'Record payment' }));
    expect(await within(card).findByText('is more than the balance')).toBeVisible();
  });
});

/** An invoice as the admin's list has it (with its patient), and a page of them. */
const node = (overrides: object) => ({
  ...invoice(overrides),
  patient: { __typename: 'Patient', id: testUsers.patient.patient.id, firstName: 'Pat', lastName: 'Jones' },
});
const page = (nodes: object[]) => ({
  data: {
    invoices: {
      __typename: 'InvoiceConnection',
      totalCount: nodes.length,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      edges: nodes.map((n) => ({ __typename: 'InvoiceEdge', node: n })),
    },
  },
});

describe('InvoicesPage: overdue', () => {
  it('marks an invoice past its due date and lists only those when asked', async () => {
    const late = node({ id: '00000000-0000-4000-8000-0000000000f2', number: 'CGH-2026-000043', overdue: true });
    const onTime = node({ number: 'CGH-2026-000042', status: 'ISSUED', dueDate: '2026-12-30' });
    const { user } = renderApp({
      path: '/admin/invoices',
      signedInAs: testUsers.admin,
      mocks: [
        { request: { query: ReceivablesQuery }, result: { data: { receivables: [] } } },
        { request: { query: AdminInvoicesQuery, variables: { first: 20 } }, result: page([late, onTime]) },
        { request: { query: AdminInvoicesQuery, variables: { overdue: true, first: 20 } }, result: page([late]) },
      ],
    });
    const cards = await screen.findAllByTestId('invoice', {}, { timeout: 5000 });
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByText('Overdue')).toBeVisible();
    expect(within(cards[1]!).queryByText('Overdue')).not.toBeInTheDocument();
    expect(within(cards[1]!).getByText(/due 30 Dec 2026/)).toBeVisible();
    await user.selectOptions(screen.getByLabelText('Status'), 'Overdue');
    expect(await screen.findByText('1 invoice')).toBeVisible();
    expect(screen.getAllByTestId('invoice')).toHaveLength(1);
    expect(screen.getByText('Invoice CGH-2026-000043')).toBeVisible();
  });

  it('lists one patient’s bills with what they owe, until asked for every patient’s', async () => {
    const patientId = testUsers.patient.patient.id;
    const { user, router } = renderApp({
      path: `/admin/invoices?patient=${patientId}`,
      signedInAs: testUsers.admin,
      mocks: [
        { request: { query: ReceivablesQuery }, result: { data: { receivables: [] } } },
        {
          request: { query: AdminInvoicesQuery, variables: { patientId, first: 20 } },
          result: page([node({ number: 'CGH-2026-000042' })]),
        },
        balanceMock([], { patientId }),
        {
          request: { query: AdminInvoicesQuery, variables: { first: 20 } },
          result: page([node({ number: 'CGH-2026-000042' }), node({ id: 'f9', number: 'CGH-2026-000099' })]),
        },
      ],
    });
    const owed = await screen.findByRole('region', { name: 'To pay' }, { timeout: 5000 });
    expect(within(owed).getByText('Owes nothing: every bill issued is paid.')).toBeVisible();
    expect(await within(owed).findByText('Only the bills of Pat Jones.')).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Receivables' })).not.toBeInTheDocument();
    await user.click(within(owed).getByRole('button', { name: 'Show every patient’s' }));
    expect(await screen.findByText('Invoice CGH-2026-000099')).toBeVisible();
    expect(router.state.location.search).toBe('');
  });

  it('reads again what the patient owes once a payment is recorded on their bills', async () => {
    const patientId = testUsers.patient.patient.id;
    const open = node({ status: 'ISSUED', payments: [] });
    const { user, requests } = renderApp({
      path: `/admin/invoices?patient=${patientId}`,
      signedInAs: testUsers.admin,
      mocks: [
        { request: { query: AdminInvoicesQuery, variables: { patientId, first: 20 } }, result: page([open]) },
        balanceMock(
          [
            {
              currency: 'EUR',
              owed: money('29.50'),
              invoices: 1,
              overdue: money('0.00'),
              overdueInvoices: 0,
              awaitingInsurer: money('0.00'),
              nextDueDate: '2026-12-02',
            },
          ],
          { patientId },
        ),
        {
          request: {
            query: RecordPaymentMutation,
            variables: {
              invoiceId: open.id,
              input: { amount: '29.50', currency: 'EUR', method: 'CASH', reference: null },
            },
          },
          result: { data: { recordPayment: { ...open, status: 'PAID', balance: money('0.00') } } },
        },
        balanceMock([], { patientId }),
      ],
    });
    const owed = await screen.findByRole('region', { name: 'To pay' }, { timeout: 5000 });
    expect(within(owed).getByText('€29.50')).toBeVisible();
    const card = await screen.findByTestId('invoice');
    await user.click(within(card).getByRole('button', { name: 'Record a payment…' }));
    await user.click(within(card).getByRole('button', { name: 'Record payment' }));
    expect(await within(owed).findByText('Owes nothing: every bill issued is paid.')).toBeVisible();
    expect(requests.filter((name) => name === 'BalanceDue')).toHaveLength(2);
  });

  it('finds invoices by number or patient, with the status, both kept in the address', async () => {
    const found = node({ number: 'CGH-2026-000042', status: 'ISSUED' });
    const { user, router } = renderApp({
      path: '/admin/invoices?status=ISSUED',
      signedInAs: testUsers.admin,
      mocks: [
        { request: { query: ReceivablesQuery }, result: { data: { receivables: [] } } },
        { request: { query: AdminInvoicesQuery, variables: { status: ['ISSUED'], first: 20 } }, result: page([]) },
        {
          request: { query: AdminInvoicesQuery, variables: { status: ['ISSUED'], search: 'Pat Jones', first: 20 } },
          result: page([found]),
        },
        {
          request: { query: AdminInvoicesQuery, variables: { status: ['ISSUED'], search: 'nobody', first: 20 } },
          result: page([]),
        },
      ],
    });
    expect(await screen.findByText('None with this status.', {}, { timeout: 5000 })).toBeVisible();
    expect(screen.getByLabelText('Status')).toHaveValue('ISSUED');
    await user.type(screen.getByLabelText('Find'), 'Pat Jones');
    expect(await screen.findByText('Invoice CGH-2026-000042')).toBeVisible();
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('Pat Jones');
    expect(new URLSearchParams(router.state.location.search).get('status')).toBe('ISSUED');
    await user.clear(screen.getByLabelText('Find'));
    await user.type(screen.getByLabelText('Find'), 'nobody');
    expect(await screen.findByText(/None matches/)).toBeVisible();
  });
});

describe('ClaimsPage', () => {
  it('lists claims with whose they are and totals, and records a decision on a submitted one when asked', async () => {
    const decided = {
      node: {
        ...claimEdge.node,
        id: '00000000-0000-4000-8000-0000000000c2',
        status: 'PARTIALLY_APPROVED',
        decidedAt: '2026-11-06T09:00:00.000Z',
        amountApproved: money('56.00'),
        note: 'Physiotherapy capped',
        invoice: { ...claimEdge.node.invoice, id: '00000000-0000-4000-8000-0000000000f2', number: 'CGH-2026-000043' },
      },
    };
    const { user } = renderApp({
      path: '/admin/claims',
      signedInAs: testUsers.admin,
      mocks: [
        claimsMock({ first: 40 }, [claimEdge, { ...claimEdge, ...decided }]),
        {
          request: {
            query: DecideClaimMutation,
            variables: { id: claimEdge.node.id, input: { status: 'APPROVED', amountApproved: null, note: null } },
          },
          result: {
            data: {
              decideClaim: {
                __typename: 'InsuranceClaim',
                id: claimEdge.node.id,
                status: 'APPROVED',
                amountApproved: { __typename: 'Money', amount: '80.00' },
                note: null,
              },
            },
          },
        },
        claimsMock({ first: 40 }, [{ node: { ...claimEdge.node, status: 'APPROVED' } }, { ...claimEdge, ...decided }]),
      ],
    });
    const submitted = (await screen.findByText('CGH-2026-000042', {}, { timeout: 5000 })).closest('tr')!;
    expect(within(submitted).getByText('AOK · P-1')).toBeVisible();
    expect(within(submitted).getByText('Pat Jones')).toBeVisible();
    expect(screen.getByText('1 claim in EUR')).toBeVisible();
    // A decision only when asked for, in a form named after its invoice; none offered for the decided one.
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    const ask = within(submitted).getByRole('button', { name: 'Record decision…' });
    expect(ask).toHaveAccessibleDescription('CGH-2026-000042');
    expect(screen.getAllByRole('button', { name: 'Record decision…' })).toHaveLength(1);
    await user.click(ask);
    const form = screen.getByRole('form', { name: 'Decision on the claim for invoice CGH-2026-000042' });
    expect(within(form).getByLabelText('Decision')).toHaveValue('APPROVED');
    await waitFor(() => expect(within(form).getByLabelText('Decision')).toHaveFocus());
    await user.click(within(form).getByRole('button', { name: 'Record decision' }));
    await waitFor(() => expect(screen.queryByRole('form')).not.toBeInTheDocument());
    const partly = screen.getByText('CGH-2026-000043').closest('tr')!;
    expect(within(partly).getByText(/€56\.00 approved/)).toBeVisible();
    expect(within(partly).getByText('Physiotherapy capped')).toBeVisible();
    // Someone at the clinic entered that decision: nothing says otherwise.
    expect(within(partly).queryByText(/via its system/)).not.toBeInTheDocument();
  });

  it('says which decisions the insurer recorded itself through its system', async () => {
    const decidedBy = (id: string, number: string, partner: string | null) => ({
      ...claimEdge,
      node: {
        ...claimEdge.node,
        id: `00000000-0000-4000-8000-0000000000${id}`,
        status: 'REJECTED',
        decidedAt: '2026-11-06T09:00:00.000Z',
        note: 'Not covered',
        invoice: { ...claimEdge.node.invoice, id: `00000000-0000-4000-8000-0000000000${id}`, number },
        decidedByPartner: partner,
      },
    });
    renderApp({
      path: '/admin/claims',
      signedInAs: testUsers.admin,
      mocks: [
        claimsMock({ first: 40 }, [
          decidedBy('c3', 'CGH-2026-000044', 'Northern Health Insurance'),
          // Entered by an administrator.
          decidedBy('c4', 'CGH-2026-000045', null),
          // Still waiting: nothing decided, by anyone.
          claimEdge,
        ]),
      ],
    });
    const byInsurer = (await screen.findByText('CGH-2026-000044', {}, { timeout: 5000 })).closest('tr')!;
    expect(within(byInsurer).getByText('Decided by Northern Health Insurance via its system')).toBeVisible();
    const byClinic = screen.getByText('CGH-2026-000045').closest('tr')!;
    expect(within(byClinic).getByText('Rejected')).toBeVisible();
    expect(within(byClinic).queryByText(/via its system/)).not.toBeInTheDocument();
    const waiting = screen.getByText('CGH-2026-000042').closest('tr')!;
    expect(within(waiting).queryByText(/via its system/)).not.toBeInTheDocument();
    expect(screen.getAllByText(/via its system/)).toHaveLength(1);
  });
});

describe('InvoicesPage: issuing drafts', () => {
  it('issues the drafts listed in one batch after a confirmation, and says so', async () => {
    const draft = (id: string, number: string) =>
      node({ id, number, status: 'DRAFT', issuedAt: null, dueDate: null, balance: money('80.00'), payments: [] });
    const drafts = [
      draft('00000000-0000-4000-8000-0000000000d1', 'CGH-2026-000050'),
      draft('00000000-0000-4000-8000-0000000000d2', 'CGH-2026-000051'),
    ];
    const issued = drafts.map((d) => ({
      ...d,
      status: 'ISSUED',
      issuedAt: '2026-12-06T09:00:00.000Z',
      dueDate: '2027-01-05',
    }));
    const { user, requests } = renderApp({
      path: '/admin/invoices',
      signedInAs: testUsers.admin,
      mocks: [
        { request: { query: ReceivablesQuery }, result: { data: { receivables: [] } }, maxUsageCount: 2 },
        { request: { query: AdminInvoicesQuery, variables: { first: 20 } }, result: page(drafts) },
        { request: { query: AdminInvoicesQuery, variables: { status: ['DRAFT'], first: 20 } }, result: page(drafts) },
        draftIds(drafts.map((d) => d.id)),
        {
          request: { query: IssueInvoicesMutation, variables: { ids: drafts.map((d) => d.id) } },
          result: { data: { issueInvoices: issued } },
        },
        { request: { query: AdminInvoicesQuery, variables: { status: ['DRAFT'], first: 20 } }, result: page([]) },
        draftIds([]),
      ],
    });
    await screen.findAllByTestId('invoice', {}, { timeout: 5000 });
    // Only with the drafts listed on their own: in the full list, drafts mix with the rest.
    expect(screen.queryByRole('button', { name: /^Issue these/ })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Status'), 'Draft');

    await user.click(await screen.findByRole('button', { name: 'Issue these 2 drafts' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Issue 2 invoices?' });
    expect(requests).not.toContain('IssueInvoices');
    await user.click(within(dialog).getByRole('button', { name: 'Issue 2 invoices' }));

    expect(await screen.findByText('Issued 2 invoices.')).toBeVisible();
    expect(await screen.findByText('No invoices')).toBeVisible();
    expect(screen.queryByRole('button', { name: /^Issue (this|these|the newest)/ })).not.toBeInTheDocument();
  });

  it('offers the newest hundred of more drafts than a page holds, not only the page’s', async () => {
    const ids = Array.from({ length: 100 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    renderApp({
      path: '/admin/invoices?status=DRAFT',
      signedInAs: testUsers.admin,
      mocks: [
        { request: { query: ReceivablesQuery }, result: { data: { receivables: [] } } },
        {
          request: { query: AdminInvoicesQuery, variables: { status: ['DRAFT'], first: 20 } },
          result: page([node({ status: 'DRAFT', issuedAt: null, dueDate: null, payments: [] })]),
        },
        draftIds(ids, 412),
      ],
    });
    expect(
      await screen.findByRole('button', { name: 'Issue the newest 100 of 412 drafts' }, { timeout: 5000 }),
    ).toBeVisible();
    expect(screen.getByText('All at once, each with its due date; then the next ones.')).toBeVisible();
  });
});

/** The drafts a batch would issue: their ids (the newest hundred) and how many there are. */
function draftIds(ids: readonly string[], totalCount = ids.length) {
  return {
    request: { query: DraftInvoiceIdsQuery, variables: {} },
    result: {
      data: {
        invoices: {
          __typename: 'InvoiceConnection',
          totalCount,
          edges: ids.map((id) => ({ __typename: 'InvoiceEdge', node: { __typename: 'Invoice', id } })),
        },
      },
    },
  };
}
