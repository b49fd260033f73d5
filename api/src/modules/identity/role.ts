import { registerEnumType } from 'type-graphql';

export enum Role {
  PATIENT = 'PATIENT',
  DOCTOR = 'DOCTOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, { name: 'Role', description: 'What a signed-in user is to the clinic.' });
