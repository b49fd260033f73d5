import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Context } from '../../server/context.js';
import { conflict, forbidden } from '../../shared/errors.js';
import { ownerKindOf } from './attachment-owners.js';
import { Attachment } from './attachment.entity.js';
import { ContentCheck } from './content-check.js';
import type { FileStorage } from './file-storage.js';

const LINK_REFUSED = 'This upload link is not valid, has expired or has been used.';

/** What became of an upload. `tooLarge` means the body is still unread: close the connection. */
export type UploadOutcome =
  | { readonly kind: 'accepted'; readonly attachment: Attachment }
  | { readonly kind: 'rejected'; readonly attachmentId: string; readonly reason: string; readonly tooLarge: boolean };

interface ClaimedUpload {
  readonly id: string;
  readonly storage_key: string;
  readonly content_type: string;
  readonly size_bytes: number;
}

/**
 * Takes the upload of one PENDING attachment through its signed URL, once: the row is claimed
 * with one UPDATE (so a second PUT, or one after the URL's time, is refused), the body streams
 * into a staging file through ContentCheck — never held in memory — and is stored only when it
 * passed every check. A file that fails is deleted and the attachment REJECTED with the reason.
 */
export async function receiveUpload(
  em: EntityManager,
  storage: FileStorage,
  limitBytes: number,
  attachmentId: string,
  body: Readable,
  declaredLength: number | undefined,
): Promise<UploadOutcome> {
  const [claimed] = await em.execute<ClaimedUpload[]>(
    `update attachment set upload_started_at = now()
     where id = ? and status = 'PENDING' and upload_started_at is null and upload_expires_at > now()
     returning id, storage_key, content_type, size_bytes`,
    [attachmentId],
  );
  if (!claimed) {
    throw forbidden(LINK_REFUSED);
  }
  const limit = Math.min(limitBytes, claimed.size_bytes);
  const reject = async (reason: string, tooLarge: boolean): Promise<UploadOutcome> => {
    await em.execute(`update attachment set status = 'REJECTED', rejection_reason = ? where id = ?`, [
      reason,
      claimed.id,
    ]);
    return { kind: 'rejected', attachmentId: claimed.id, reason, tooLarge };
  };
  if (declaredLength !== undefined && declaredLength > limit) {
    return reject(`The upload is larger than the ${limit} bytes allowed for it.`, true);
  }

  await mkdir(storage.stagingDir, { recursive: true });
  const staged = join(storage.stagingDir, randomUUID());
  const check = new ContentCheck(limit, { contentType: claimed.content_type, sizeBytes: claimed.size_bytes });
  try {
    const ended = await streamInto(body, staged, check);
    if (ended === 'too-large') {
      await rm(staged, { force: true });
      return await reject(`The upload is larger than the ${limit} bytes allowed for it.`, true);
    }
    if (ended === 'aborted') {
      await rm(staged, { force: true });
      return await reject('The upload was interrupted before all its bytes arrived.', false);
    }
    const verdict = await check.finish();
    if (!verdict.ok) {
      await rm(staged, { force: true });
      return await reject(verdict.reason, false);
    }
    await storage.save(claimed.storage_key, staged, verdict.content);
    await em.execute(
      `update attachment set status = 'READY', sha256 = ?, content_type = ?, size_bytes = ?, uploaded_at = now()
       where id = ?`,
      [verdict.content.sha256, verdict.content.contentType, verdict.content.sizeBytes, claimed.id],
    );
    return { kind: 'accepted', attachment: await em.fork().findOneOrFail(Attachment, claimed.id) };
  } catch (error) {
    await rm(staged, { force: true });
    await reject('The file could not be stored; upload it again.', false);
    throw error;
  }
}

/**
 * Copies the body into the staging file with backpressure, feeding the check. Stops reading (and
 * leaves the rest unread, paused) as soon as the body passes the limit.
 */
function streamInto(body: Readable, path: string, check: ContentCheck): Promise<'complete' | 'too-large' | 'aborted'> {
  const out = createWriteStream(path, { flags: 'wx' });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: 'complete' | 'too-large' | 'aborted') => {
      if (settled) {
        return;
      }
      settled = true;
      body.off('data', onData);
      out.end();
      finished(out).then(() => resolve(outcome), reject);
    };
    const onData = (chunk: Buffer) => {
      if (!check.push(chunk)) {
        body.pause();
        settle('too-large');
        return;
      }
      if (!out.write(chunk)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    };
    body.on('data', onData);
    body.once('end', () => settle('complete'));
    body.once('error', () => settle('aborted'));
    body.once('close', () => settle('aborted'));
    out.once('error', (error) => {
      settled = true;
      body.off('data', onData);
      reject(error);
    });
  });
}

export interface Download {
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly body: Readable;
}

/**
 * One download of a READY attachment, as the actor of the context: its owner's access rule is
 * checked again now (a link outliving a care relationship or a consent gets nothing) and the read
 * written to the audit trail before any byte leaves.
 */
export async function openDownload(ctx: Context, storage: FileStorage, attachmentId: string): Promise<Download> {
  ctx.access.requireScope('clinical:read');
  const attachment = await ctx.em.findOne(Attachment, attachmentId);
  if (!attachment) {
    throw ctx.access.missing('MedicalRecord');
  }
  const read = await ownerKindOf(attachment).authorizeRead(ctx, attachment);
  if (!attachment.isReady()) {
    throw conflict('The file is not available: its upload has not been accepted.', 'ATTACHMENT_NOT_READY');
  }
  // A download is its own event (never folded into a recent read of the record): the file left.
  ctx.audit.record(ctx.em, { action: 'DOWNLOAD', ...read });
  await ctx.em.flush();
  return {
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    sizeBytes: attachment.sizeBytes,
    body: await storage.open(attachment.storageKey),
  };
}
