import { describe, expect, it } from 'vitest';
import { ContentCheck } from './content-check.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('IEND'),
  Buffer.from([0xae, 0x42, 0x60, 0x82]),
]);
/** A DICOM file: a 128-byte preamble, then "DICM". */
const DICOM = Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from([2, 0, 0, 0, 0x55, 0x4c, 4, 0])]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 0x20)]);

async function verdictOf(chunks: Buffer[], contentType: string, limit = 1_000_000) {
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const check = new ContentCheck(limit, { contentType, sizeBytes: size });
  for (const chunk of chunks) {
    if (!check.push(chunk)) {
      break;
    }
  }
  return check.finish();
}

describe('ContentCheck', () => {
  it.each([
    ['image/png', PNG],
    ['application/dicom', DICOM],
    ['image/jpeg', JPEG],
    ['text/plain', Buffer.from('Glucose 5.4 mmol/L\r\n\tfasting\n')],
    ['text/plain', Buffer.from('Hämoglobin 14,1 g/dL — normal\n')],
  ])('accepts %s sniffed from the bytes', async (type, bytes) => {
    const verdict = await verdictOf([bytes.subarray(0, 3), bytes.subarray(3)], type);
    expect(verdict).toMatchObject({ ok: true, content: { contentType: type, sizeBytes: bytes.length } });
  });

  it('hashes across chunks with SHA-256', async () => {
    const verdict = await verdictOf([Buffer.from('ab'), Buffer.from('c')], 'text/plain');
    expect(verdict).toMatchObject({
      ok: true,
      content: { sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
    });
  });

  it('refuses binary that is no allowed type, invalid UTF-8 and text with NUL', async () => {
    expect(await verdictOf([Buffer.from([0x4d, 0x5a, 0x90, 0, 3])], 'application/pdf')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('application/x-msdownload') as string,
    });
    expect((await verdictOf([Buffer.from([0x41, 0xc3, 0x28])], 'text/plain')).ok).toBe(false);
    expect((await verdictOf([Buffer.from('a\u0000b')], 'text/plain')).ok).toBe(false);
    // A multi-byte character cut at the very end is not text either.
    expect((await verdictOf([Buffer.from([0x41, 0xc3])], 'text/plain')).ok).toBe(false);
  });

  it('stops taking bytes past the limit and says so', async () => {
    const check = new ContentCheck(4, { contentType: 'text/plain', sizeBytes: 4 });
    expect(check.push(Buffer.from('abc'))).toBe(true);
    expect(check.push(Buffer.from('de'))).toBe(false);
    expect(await check.finish()).toMatchObject({ ok: false, reason: expect.stringContaining('larger than') as string });
  });

  it('refuses content that differs from the declared type', async () => {
    expect(await verdictOf([PNG], 'image/jpeg')).toMatchObject({
      ok: false,
      reason: "The file's content is image/png, not the image/jpeg declared.",
    });
  });
});
