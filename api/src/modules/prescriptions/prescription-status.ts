import { registerEnumType } from 'type-graphql';

export enum PrescriptionStatus {
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  DISCONTINUED = 'DISCONTINUED',
}

registerEnumType(PrescriptionStatus, {
  name: 'PrescriptionStatus',
  description: 'Where a prescription stands.',
  valuesConfig: {
    ACTIVE: { description: 'To be taken now.' },
    COMPLETED: { description: 'Every item’s duration has passed.' },
    DISCONTINUED: { description: 'Stopped early by a doctor, with a reason.' },
  },
});
