import { chartRead } from '../identity/access-control.js';
import { guardRows, type AnyRowGuard } from '../identity/row-guard.js';
import { Patient } from './patient.entity.js';

/**
 * Row guards of the patients module: demographics to whoever may see the profile. A chart is
 * "opened" (and audited) when the patient is asked for by id at the top of a query or their
 * clinical fields are read; a name on a calendar row or in a list is checked, not logged.
 */
export const patientGuards: readonly AnyRowGuard[] = [
  guardRows(
    Patient,
    async (patient, ctx, where) => {
      const access = await ctx.access.assertProfile(patient.id);
      if (where?.topLevel) {
        ctx.audit.read(chartRead('Patient', patient.id, patient.id, access));
      }
    },
    // The clinical fields (allergies, history): the patient and the doctors caring for them.
    {
      clinicalField: async (patient, ctx) =>
        ctx.audit.read(chartRead('Patient', patient.id, patient.id, await ctx.access.assertClinical(patient.id))),
    },
  ),
];
