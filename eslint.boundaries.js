/**
 * The API's import direction, enforced by `npm run lint` (part of `npm run check`) and tested in
 * api/test/import-boundaries.test.ts. Modules stand on floors and an import only goes down:
 * identity at the bottom, the parts above it, compositions (chart) above the parts, server/ on
 * top. A new module gets a line here listing the modules it may import.
 */
export const MODULE_FLOORS = {
  identity: [],
  patients: ['identity'],
  organisation: ['identity', 'patients'],
  doctors: ['identity', 'organisation'],
  audit: ['identity'],
  appointments: ['identity', 'patients', 'doctors'],
  // Prescriptions tell the patient when one is issued or stopped, through notifications.
  prescriptions: ['identity', 'patients', 'doctors', 'appointments', 'notifications'],
  records: ['identity', 'patients', 'doctors', 'appointments'],
  notifications: ['identity', 'patients', 'doctors', 'appointments'],
  messages: ['identity', 'patients', 'doctors', 'notifications'],
  // The chart tells a patient and the administrators when a doctor breaks the glass, through notifications.
  chart: [
    'identity',
    'patients',
    'doctors',
    'appointments',
    'prescriptions',
    'records',
    'audit',
    'organisation',
    'notifications',
  ],
  // Billing tells the patient of a bill issued and a payment booked, through notifications; an insurer's
  // API client (partners) sees and decides its claims.
  billing: ['identity', 'patients', 'organisation', 'doctors', 'appointments', 'audit', 'notifications', 'partners'],
  partners: ['identity', 'patients', 'audit'],
  // A partner's export runs as the partner it was asked by: fhir takes that actor from partners.
  fhir: [
    'identity',
    'patients',
    'doctors',
    'appointments',
    'prescriptions',
    'records',
    'audit',
    'files',
    'labs',
    'partners',
    // Insurance (Coverage, Claim, ClaimResponse) is read through billing's service and guards.
    'billing',
    'organisation',
  ],
  labs: ['identity', 'patients', 'doctors', 'appointments', 'notifications'],
  // Files hang off chart items and conversations (records, lab orders, messages), so they sit above them.
  files: ['identity', 'patients', 'doctors', 'appointments', 'records', 'labs', 'messages'],
  // Webhooks deliver appointment events to admins' and partners' endpoints (consent decides).
  // …and insurance claims' events to the clinic's and to insurers' endpoints (billing's rule decides).
  webhooks: ['identity', 'patients', 'doctors', 'appointments', 'partners', 'notifications', 'audit', 'billing'],
  // The waitlist offers appointments' free slots and tells patients through notifications.
  waitlist: ['identity', 'patients', 'doctors', 'appointments', 'notifications'],
  // A patient's erasure request, carried out, ends each part's hold on them through that part's own
  // rule: visits, waitlists, consents, repeat requests, contact details, the sign-in. An access alert
  // confirmed as a breach locks the account out through identity's or partners' own rule.
  privacy: [
    'identity',
    'patients',
    'doctors',
    'appointments',
    'prescriptions',
    'partners',
    'waitlist',
    'notifications',
  ],
};

const NO_DEFAULT_EXPORT = {
  selector: 'ExportDefaultDeclaration',
  message: 'Use named exports (config files excepted).',
};

/** `orm.em` (also `deps.orm.em`, `this.orm.em`): the global entity manager. */
const GLOBAL_EM = [
  "MemberExpression[property.name='em'][object.name='orm']",
  "MemberExpression[property.name='em'][object.type='MemberExpression'][object.property.name='orm']",
].map((selector) => ({
  selector,
  message:
    'No global entity manager in a request: use ctx.em (the request’s fork). Only start-up, the context, migrations and background entry points touch orm.em.',
}));

const SERVER_AS_TYPE = {
  group: ['../../server/*', '**/server/*'],
  allowTypeImports: true,
  message: 'A module imports server/ only as a type (`import type`): server/ sits above every module.',
};

function moduleBlock(name, allowed) {
  const forbidden = Object.keys(MODULE_FLOORS).filter((other) => other !== name && !allowed.includes(other));
  return {
    files: [`api/src/modules/${name}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(forbidden.length
              ? [
                  {
                    group: forbidden.flatMap((other) => [`../${other}/*`, `**/modules/${other}/*`]),
                    message: `${name} may import only ${allowed.length ? allowed.join(', ') : 'no other module'} (eslint.boundaries.js): imports go down the floors.`,
                  },
                ]
              : []),
            SERVER_AS_TYPE,
          ],
        },
      ],
      'no-restricted-syntax': ['error', NO_DEFAULT_EXPORT, ...GLOBAL_EM],
    },
  };
}

export const apiBoundaries = [
  ...Object.entries(MODULE_FLOORS).map(([name, allowed]) => moduleBlock(name, allowed)),
  {
    files: ['api/src/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../modules/*', '../server/*', '../database/*', '**/modules/*', '**/server/*'],
              message: 'shared/ imports no domain module and nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', NO_DEFAULT_EXPORT, ...GLOBAL_EM],
    },
  },
  {
    // Background entry points (job handlers, the LISTEN hub) run outside any request: each forks
    // its own entity manager from the global one.
    files: [
      'api/src/modules/notifications/notification.service.ts',
      'api/src/modules/notifications/reminders.ts',
      'api/src/modules/appointments/appointment-events.ts',
      'api/src/modules/notifications/notice-mail.ts',
      'api/src/modules/notifications/inbox-erasure.ts',
      'api/src/modules/notifications/password-reset-mail.ts',
      'api/src/modules/notifications/email-verification-mail.ts',
      'api/src/modules/notifications/text-messages.ts',
      'api/src/shared/row-hub.ts',
      'api/src/modules/webhooks/webhook-delivery.ts',
      'api/src/modules/waitlist/waitlist-jobs.ts',
      'api/src/modules/billing/billing-jobs.ts',
      'api/src/modules/privacy/erasure-jobs.ts',
      'api/src/modules/privacy/access-alert-jobs.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', NO_DEFAULT_EXPORT] },
  },
  {
    // The prescription PDF route is an HTTP handler that still lives in its module; it moves to
    // server/ with the error-path work, and this exception goes with it.
    files: ['api/src/modules/prescriptions/prescription-pdf.route.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
];
