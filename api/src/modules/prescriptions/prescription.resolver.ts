import { Resolver } from 'type-graphql';
import { Prescription } from './prescription.entity.js';

// Operations and relation fields of prescriptions are being written (issue 4).
@Resolver(() => Prescription)
export class PrescriptionResolver {}
