import type * as S3SdkModule from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { S3Settings, Settings } from '../../config/settings.js';

/**
 * Where checked attachment bytes are kept: one small interface, two drivers. An upload is staged
 * on the local disk while it streams and is checked (see ContentCheck); only a file that passed
 * every check is handed to `save`, so a refused file never reaches the store.
 */
export interface FileStorage {
  readonly driver: 'local' | 's3';
  /** A local folder for uploads in flight (always on this machine's disk). */
  readonly stagingDir: string;
  /** Moves a checked, staged file into the store under `key`. */
  save(
    key: string,
    stagedPath: string,
    meta: { readonly contentType: string; readonly sizeBytes: number },
  ): Promise<void>;
  /** The stored bytes, streamed. */
  open(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
}

/** Keys are `<patientId>/<attachmentId>`: ids only, never a name the uploader chose. */
const SAFE_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

function checkedKey(key: string): string {
  if (!SAFE_KEY.test(key)) {
    throw new Error('Refused an attachment storage key that is not <uuid>/<uuid>.');
  }
  return key;
}

/** The default: files under `DATA_DIR/attachments`, so `npm start` needs nothing else. */
export class LocalDiskStorage implements FileStorage {
  readonly driver = 'local' as const;
  readonly stagingDir: string;

  constructor(private readonly root: string) {
    this.stagingDir = join(root, '.staging');
  }

  async save(key: string, stagedPath: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(stagedPath, target);
  }

  async open(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path);
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    return join(this.root, checkedKey(key));
  }
}

type S3Sdk = typeof S3SdkModule;

let loadingSdk: Promise<S3Sdk> | undefined;

/**
 * The AWS SDK, imported when S3 is first used rather than when the API starts: it holds about
 * 6 MB of heap for as long as the process runs, and a process that keeps files on its own disk
 * never uses it.
 */
function loadS3Sdk(): Promise<S3Sdk> {
  return (loadingSdk ??= import('@aws-sdk/client-s3'));
}

/** An S3-compatible bucket through the AWS SDK v3 (AWS, MinIO, s3rver, …). */
export class S3Storage implements FileStorage {
  readonly driver = 's3' as const;
  private connecting: Promise<{ readonly sdk: S3Sdk; readonly client: S3SdkModule.S3Client }> | undefined;

  constructor(
    private readonly s3: S3Settings,
    readonly stagingDir: string,
  ) {}

  /** The SDK and this bucket's client, made on first use. */
  private connect(): Promise<{ readonly sdk: S3Sdk; readonly client: S3SdkModule.S3Client }> {
    const s3 = this.s3;
    return (this.connecting ??= loadS3Sdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: s3.region,
        forcePathStyle: s3.forcePathStyle,
        // Checksums only where S3 requires them: the SDK's default sends streamed bodies aws-chunked
        // with trailing checksums, which S3-compatible servers (MinIO releases, s3rver, …) may store verbatim.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
        ...(s3.accessKeyId && s3.secretAccessKey
          ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }
          : {}),
      }),
    })));
  }

  async save(
    key: string,
    stagedPath: string,
    meta: { readonly contentType: string; readonly sizeBytes: number },
  ): Promise<void> {
    const { sdk, client } = await this.connect();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.s3.bucket,
        Key: checkedKey(key),
        Body: createReadStream(stagedPath),
        ContentLength: meta.sizeBytes,
        ContentType: meta.contentType,
      }),
    );
    await rm(stagedPath, { force: true });
  }

  async open(key: string): Promise<Readable> {
    const { sdk, client } = await this.connect();
    const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.s3.bucket, Key: checkedKey(key) }));
    if (!(object.Body instanceof Readable)) {
      throw new Error('The S3 answer carried no readable body.');
    }
    return object.Body;
  }

  async remove(key: string): Promise<void> {
    const { sdk, client } = await this.connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.s3.bucket, Key: checkedKey(key) }));
  }
}

/** The store the settings ask for: S3 when S3_BUCKET is set, the local disk otherwise. */
export function createFileStorage(settings: Settings): FileStorage {
  const root = join(settings.dataDir, 'attachments');
  return settings.s3 ? new S3Storage(settings.s3, join(root, '.staging')) : new LocalDiskStorage(root);
}
