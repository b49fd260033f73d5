import { registerEnumType } from 'type-graphql';

export enum PrescriptionStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  DISCONTINUED = 'DISCONTINUED',
}

registerEnumType(PrescriptionStatus, { name: 'PrescriptionStatus' });
