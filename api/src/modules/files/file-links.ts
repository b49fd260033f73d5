import jwt from 'jsonwebtoken';
import { createHmac } from 'node:crypto';
import { isUuid } from '../../shared/ids.js';
import type { PartnerActor, UserActor } from '../identity/actor.js';
import { PERSON_ROLES, type PersonRole } from '../identity/role.js';

/** How long a signed upload URL works. */
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;
/** How long a signed download URL works: minted per read, so short. */
export const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;

const ALGORITHM = 'HS256';
const ISSUER = 'healthcare-api';
const UPLOAD = 'attachment-upload';
const DOWNLOAD = 'attachment-download';

/** The routes the links point at (mounted by server/attachment.routes.ts). */
export const UPLOAD_PATH = '/files/upload';
export const DOWNLOAD_PATH = '/files/download';

/** A key of its own, derived from the server secret: a file link is never an access token, nor one the other. */
function linkKey(secret: string): string {
  return createHmac('sha256', secret).update('attachment-links/v1').digest('base64url');
}

function urlOf(base: string | undefined, path: string, token: string): string {
  return `${base ?? ''}${path}/${token}`;
}

/** A signed URL to PUT one attachment's bytes to; it names the attachment and nothing else. */
export function signUploadUrl(secret: string, base: string | undefined, attachmentId: string, expiresAt: Date): string {
  const token = jwt.sign({ exp: Math.floor(expiresAt.getTime() / 1000) }, linkKey(secret), {
    algorithm: ALGORITHM,
    issuer: ISSUER,
    audience: UPLOAD,
    subject: attachmentId,
  });
  return urlOf(base, UPLOAD_PATH, token);
}

/**
 * A signed URL to download one attachment as the given user or partner: the download route re-reads
 * the user (or the API client) and checks their access again, so a link outliving a care
 * relationship, a consent, a client or an account gets nothing.
 */
export function signDownloadUrl(
  secret: string,
  base: string | undefined,
  attachmentId: string,
  actor: UserActor | PartnerActor,
  expiresAt: Date,
): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const token = jwt.sign(
    actor.kind === 'partner'
      ? { exp, cid: actor.clientId, scp: actor.scopes.join(' ') }
      : { exp, uid: actor.userId, role: actor.role, sid: actor.sessionId },
    linkKey(secret),
    { algorithm: ALGORITHM, issuer: ISSUER, audience: DOWNLOAD, subject: attachmentId },
  );
  return urlOf(base, DOWNLOAD_PATH, token);
}

export type DownloadClaims =
  | {
      readonly kind: 'user';
      readonly attachmentId: string;
      readonly userId: string;
      readonly role: PersonRole;
      readonly sessionId: string;
      readonly expiresAt: Date;
    }
  | {
      readonly kind: 'partner';
      readonly attachmentId: string;
      readonly clientId: string;
      readonly scopes: readonly string[];
      readonly expiresAt: Date;
    };

function verified(secret: string, token: string, audience: string): jwt.JwtPayload | undefined {
  try {
    const payload = jwt.verify(token, linkKey(secret), { algorithms: [ALGORITHM], issuer: ISSUER, audience });
    return typeof payload === 'string' || typeof payload.sub !== 'string' || !isUuid(payload.sub) ? undefined : payload;
  } catch {
    return undefined;
  }
}

/** The attachment id of a valid, unexpired upload token; undefined for anything else. */
export function verifyUploadToken(secret: string, token: string): string | undefined {
  return verified(secret, token, UPLOAD)?.sub;
}

/** The claims of a valid, unexpired download token; undefined for anything else. */
export function verifyDownloadToken(secret: string, token: string): DownloadClaims | undefined {
  const payload = verified(secret, token, DOWNLOAD);
  const { uid, role, sid, exp, sub, cid, scp } = payload ?? {};
  if (typeof sub === 'string' && typeof exp === 'number' && typeof cid === 'string' && isUuid(cid)) {
    return typeof scp === 'string'
      ? { kind: 'partner', attachmentId: sub, clientId: cid, scopes: scp.split(' '), expiresAt: new Date(exp * 1000) }
      : undefined;
  }
  if (
    typeof sub !== 'string' ||
    typeof uid !== 'string' ||
    typeof sid !== 'string' ||
    typeof exp !== 'number' ||
    !PERSON_ROLES.includes(role as PersonRole)
  ) {
    return undefined;
  }
  return {
    kind: 'user',
    attachmentId: sub,
    userId: uid,
    role: role as PersonRole,
    sessionId: sid,
    expiresAt: new Date(exp * 1000),
  };
}
