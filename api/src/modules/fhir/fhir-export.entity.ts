import { Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';

export enum FhirExportStatus {
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** One NDJSON file of a finished export: stored under `<exportId>/<id>` in the file storage. */
export interface FhirExportFile {
  readonly id: string;
  readonly type: string;
  readonly count: number;
}

/**
 * A bulk export (FHIR Bulk Data Access IG) asked for by one requester: a user or an API client.
 * Only that requester may poll it, cancel it or download its files, until `expiresAt`.
 */
@Entity({ tableName: 'fhir_export' })
@Index({ properties: ['requesterId', 'createdAt'] })
export class FhirExport extends BaseEntity {
  /** `user` (a person's token) or `partner` (an API client's). */
  @Property({ type: 'text' })
  requesterKind!: 'user' | 'partner';

  /** The user's or the API client's id. */
  @Property({ type: 'uuid' })
  requesterId!: string;

  /** A user's sign-in (refresh-token family): the export runs only while it is valid. */
  @Property({ type: 'uuid', nullable: true })
  sessionId?: string;

  /** The scopes of a partner's token at kick-off (the client's current scopes still bound them). */
  @Property({ type: 'text[]' })
  scopes: Opt<string[]> = [];

  /** `system` (`/$export`) or `patient` (`/Patient/$export`). */
  @Property({ type: 'text' })
  level!: 'system' | 'patient';

  /** The resource types asked for (`_type`), or every type the requester may export. */
  @Property({ type: 'text[]' })
  types!: string[];

  /** `_elements`: the element names asked for (each resource is then a SUBSETTED summary), if any. */
  @Property({ type: 'text[]', nullable: true })
  elements?: string[];

  /** `_typeFilter`: FHIR search queries (`Observation?category=laboratory`) a resource of that type must match one of. */
  @Property({ type: 'text[]', default: '{}' })
  typeFilters: Opt<string[]> = [];

  /** `_since`: only resources changed after it. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  since?: Date;

  /** The kick-off request's URL, as the manifest repeats it. */
  @Property({ type: 'text' })
  requestUrl!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  transactionTime!: Date;

  @Enum({ items: () => FhirExportStatus })
  status!: FhirExportStatus;

  /** Patients exported so far (for `X-Progress`). */
  @Property({ type: 'integer' })
  patientsDone: Opt<number> = 0;

  @Property({ type: 'jsonb' })
  output: Opt<FhirExportFile[]> = [];

  /** Why it failed, in words for the requester (never clinical content). */
  @Property({ type: 'text', nullable: true })
  error?: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  completedAt?: Date;

  /** After this the export and its files are gone for the requester. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;
}
