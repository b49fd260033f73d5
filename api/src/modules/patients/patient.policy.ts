import { chartRead } from '../identity/access-control.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { Patient } from './patient.entity.js';

/** Row guards of the patients module: demographics to whoever may see the profile, audited. */
export const patientGuards: readonly AnyRowGuard[] = [
  guardRows(
    Patient,
    async (patient, ctx) => {
      ctx.audit.read(chartRead('Patient', patient.id, patient.id, await ctx.access.assertProfile(patient.id)));
    },
    // The clinical fields (allergies, history): the patient and the doctors caring for them.
    { clinicalField: async (patient, ctx) => void (await ctx.access.assertClinical(patient.id)) },
  ),
];
