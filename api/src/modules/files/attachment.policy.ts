import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { ownerKindOf } from './attachment-owners.js';
import { Attachment } from './attachment.entity.js';

/**
 * Row guards of the files module. Who may read an attachment is its owner's rule
 * (attachment-owners.ts): a record's files follow the chart, a conversation's its two
 * participants; administrators never. Every read is audited.
 */
export const fileGuards: readonly AnyRowGuard[] = [
  guardRows(Attachment, async (attachment, ctx) => {
    ctx.audit.read(await ownerKindOf(attachment).authorizeRead(ctx, attachment));
  }),
];
