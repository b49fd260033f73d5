import { fileTypeFromBuffer } from 'file-type';
import { createHash, type Hash } from 'node:crypto';

/** The types a chart may keep, as sniffed from the bytes (never as named by the uploader). */
export const ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/dicom',
  'text/plain',
] as const;
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

export function isAllowedContentType(value: string): value is AllowedContentType {
  return (ALLOWED_CONTENT_TYPES as readonly string[]).includes(value);
}

/** How many leading bytes the sniffer reads (file-type's own need, and DICOM's 132-byte preamble). */
const SNIFF_BYTES = 4100;

/** Control characters a plain-text file may not hold: everything below space but tab, LF, FF, CR. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

export interface CheckedContent {
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly contentType: AllowedContentType;
}

export type ContentVerdict =
  { readonly ok: true; readonly content: CheckedContent } | { readonly ok: false; readonly reason: string };

/**
 * Checks an upload while it streams, holding only the first few kilobytes: counts bytes against
 * a limit (the caller stops reading once `push` says so), hashes with SHA-256, and at the end
 * sniffs the type from the bytes (file-type; plain text is valid UTF-8 without binary control
 * characters) against the allowlist and the type the uploader declared.
 */
export class ContentCheck {
  private received = 0;
  private readonly hash: Hash = createHash('sha256');
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private readonly text = new TextDecoder('utf-8', { fatal: true });
  private isText = true;

  constructor(
    private readonly limitBytes: number,
    private readonly declared: { readonly contentType: string; readonly sizeBytes: number },
  ) {}

  get receivedBytes(): number {
    return this.received;
  }

  /** Takes the next chunk; false (and nothing kept) once the upload is larger than allowed. */
  push(chunk: Buffer): boolean {
    this.received += chunk.length;
    if (this.received > this.limitBytes) {
      return false;
    }
    this.hash.update(chunk);
    if (this.headBytes < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.headBytes);
      this.head.push(Buffer.from(part));
      this.headBytes += part.length;
    }
    if (this.isText) {
      try {
        this.isText = !BINARY_CONTROL.test(this.text.decode(chunk, { stream: true }));
      } catch {
        this.isText = false;
      }
    }
    return true;
  }

  async finish(): Promise<ContentVerdict> {
    if (this.received > this.limitBytes) {
      return { ok: false, reason: `The file is larger than the ${this.limitBytes} bytes allowed.` };
    }
    if (this.received !== this.declared.sizeBytes) {
      return {
        ok: false,
        reason: `The upload had ${this.received} bytes, not the ${this.declared.sizeBytes} declared.`,
      };
    }
    const sniffed = await this.sniff();
    if (!sniffed || !isAllowedContentType(sniffed)) {
      return {
        ok: false,
        reason: `The file's content (${sniffed ?? 'unknown'}) is not an allowed type: ${ALLOWED_CONTENT_TYPES.join(', ')}.`,
      };
    }
    if (sniffed !== this.declared.contentType) {
      return {
        ok: false,
        reason: `The file's content is ${sniffed}, not the ${this.declared.contentType} declared.`,
      };
    }
    return { ok: true, content: { sizeBytes: this.received, sha256: this.hash.digest('hex'), contentType: sniffed } };
  }

  private async sniff(): Promise<string | undefined> {
    const head = Buffer.concat(this.head);
    const detected = await fileTypeFromBuffer(head);
    if (detected) {
      return detected.mime;
    }
    if (this.received === 0) {
      return undefined;
    }
    try {
      // Flush the decoder: a file that ends inside a multi-byte character is not text.
      this.text.decode();
    } catch {
      this.isText = false;
    }
    return this.isText ? 'text/plain' : undefined;
  }
}
