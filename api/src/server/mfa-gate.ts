import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { ALLOWED_BEFORE_ENROLMENT, mustEnrolMfa } from '../modules/identity/mfa-enrollment.js';
import { AppError } from '../shared/errors.js';
import type { Context } from './context.js';

function assertEnrolledIfRequired(context: Context): void {
  const actor = context.access.actor;
  if (actor.kind === 'user' && mustEnrolMfa(actor, context.settings.mfaRequiredRoles)) {
    throw new AppError('FORBIDDEN', 'Set up two-step sign-in first: your role requires it.', {
      reason: 'MFA_ENROLLMENT_REQUIRED',
    });
  }
}

/**
 * MFA_REQUIRED_ROLES, enforced once for every root field of every transport (HTTP and WebSocket):
 * a user who must enrol gets FORBIDDEN (reason MFA_ENROLLMENT_REQUIRED) for anything but
 * enrolling, `me` and their own sessions.
 */
export function applyMfaEnrollmentGate(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (ALLOWED_BEFORE_ENROLMENT.has(field.name)) {
        continue;
      }
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: Context, info) => {
        assertEnrolledIfRequired(context);
        return resolve(source, args, context, info);
      };
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = (source, args, context: Context, info) => {
          assertEnrolledIfRequired(context);
          return subscribe(source, args, context, info);
        };
      }
    }
  }
  return schema;
}
