import { Resolver } from 'type-graphql';
import { MedicalRecord } from './medical-record.entity.js';

// Operations and relation fields of medical records are being written (issue 4).
@Resolver(() => MedicalRecord)
export class MedicalRecordResolver {}
