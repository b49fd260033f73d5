import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Connection, type ConnectionShape } from '../../shared/connection.js';
import { PageArgs } from '../../shared/pagination.js';
import { selects } from '../../shared/selection.js';
import { AccessAlert, AccessAlertStatus, BREACH_REPORT_HOURS } from './access-alert.entity.js';
import { ACCESS_ALERT_NOTE_MAX, ACCESS_ALERT_NOTE_MIN, AccessAlertService } from './access-alert.service.js';
import { ReviewAccessAlertInput } from './privacy.inputs.js';

export const AccessAlertConnection = Connection('AccessAlert', AccessAlert);

/** Breach detection: unusual access found in the audit trail, reviewed in the admin console. */
@Resolver(() => AccessAlert)
export class AccessAlertResolver {
  @Query(() => AccessAlertConnection, {
    description:
      'ADMIN. Access alerts, newest first: unusual access to patients’ charts found in the audit trail every ten minutes (see AccessAlertRule).',
  })
  accessAlerts(
    @Arg('status', () => [AccessAlertStatus], { nullable: true, description: 'Only alerts in these statuses.' })
    status: AccessAlertStatus[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<AccessAlert>> {
    return new AccessAlertService(ctx).list(status, page, { count: selects(info, ['totalCount']) });
  }

  @Mutation(() => AccessAlert, {
    description:
      `ADMIN. Reviews an OPEN access alert, saying what was found in \`note\` (${ACCESS_ALERT_NOTE_MIN} to ${ACCESS_ALERT_NOTE_MAX} characters). ` +
      'Not a breach: DISMISSED. A breach: BREACH, in one transaction — the account locked out (a person’s sessions ended and password voided, ' +
      'so only its owner gets back in, through a password reset; a partner’s API client revoked), every patient whose chart it read told in-app and by e-mail, ' +
      `and \`reportDueAt\` set ${BREACH_REPORT_HOURS} hours on. CONFLICT \`ACCESS_ALERT_ALREADY_REVIEWED\` once reviewed; FORBIDDEN for an alert about the reviewer’s own account.`,
  })
  reviewAccessAlert(
    @Arg('id', () => ID, { description: 'The access alert.' }) id: string,
    @Arg('input', () => ReviewAccessAlertInput, { description: 'The review.' }) input: ReviewAccessAlertInput,
    @Ctx() ctx: Context,
  ): Promise<AccessAlert> {
    return new AccessAlertService(ctx).review(id, input);
  }
}
