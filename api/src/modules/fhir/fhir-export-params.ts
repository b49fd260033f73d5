import { badInput } from '../../shared/errors.js';
import { parseElements } from './fhir-elements.js';
import { dateParam } from './fhir-search.js';
import { SEARCH_PARAMETERS, type FhirType } from './fhir.service.js';

const OUTPUT_FORMATS = new Set(['application/fhir+ndjson', 'application/ndjson', 'ndjson']);

/** Date-typed search parameters: checked at kick-off, so a bad `_typeFilter` date never fails the job. */
const DATE_PARAMETERS = new Set(['date', 'birthdate', 'start']);

/** The types whose search is by patient: the ones `_typeFilter` can filter. */
const PATIENT_SEARCHED = (Object.keys(SEARCH_PARAMETERS) as FhirType[]).filter((type) =>
  (SEARCH_PARAMETERS[type] as readonly string[]).includes('patient'),
);

/**
 * One `_typeFilter` query (`Observation?category=laboratory`), checked at kick-off: a type being
 * exported whose search is by patient (the filter runs as that search, for each patient's chart),
 * and only that type's search parameters (`patient` is the chart's own).
 */
function typeFilterOf(value: string, types: readonly string[]): string {
  const refuse = (message: string) => badInput([{ field: '_typeFilter', message }]);
  const mark = value.indexOf('?');
  const type = mark > 0 ? value.slice(0, mark) : '';
  if (!types.includes(type)) {
    throw refuse('must be <type>?<search> for a type being exported');
  }
  const supported: readonly string[] = SEARCH_PARAMETERS[type as FhirType];
  if (!supported.includes('patient')) {
    throw refuse(`filters the types searched by patient: ${PATIENT_SEARCHED.join(', ')}`);
  }
  const query = new URLSearchParams(value.slice(mark + 1));
  const names = [...query.keys()];
  if (!names.length) {
    throw refuse('must hold search parameters');
  }
  for (const [name, parameter] of query) {
    if (name === 'patient' || name.startsWith('_') || !supported.includes(name)) {
      throw refuse(`${type} is filtered by ${supported.filter((one) => one !== 'patient').join(', ') || 'nothing'}`);
    }
    if (DATE_PARAMETERS.has(name)) {
      dateParam(parameter, '_typeFilter');
    }
  }
  return `${type}?${query.toString()}`;
}

/** What a `$export` kick-off asks for, checked before anything is recorded. */
export interface ExportParameters {
  /** `_type`, or every type offered. */
  readonly types: string[];
  readonly since: Date | undefined;
  /** `_elements` as given (element names, `Type.element` for one type), if any. */
  readonly elements: string[] | undefined;
  /** `_typeFilter` queries, normalised (`Observation?category=laboratory`). */
  readonly typeFilters: string[];
}

/**
 * The kick-off's query (`_type`, `_since`, `_outputFormat`, `_elements`, `_typeFilter`) against
 * the types this requester may export; anything else, or a bad value, is BAD_USER_INPUT naming it.
 */
export function exportParameters(query: URLSearchParams, allowed: readonly string[]): ExportParameters {
  let types: string[] = [...allowed];
  let since: Date | undefined;
  const elements: string[] = [];
  const filters: string[] = [];
  for (const [name, value] of query) {
    if (name === '_type') {
      const asked = value.split(',').map((type) => type.trim());
      const refused = asked.filter((type) => !allowed.includes(type));
      if (refused.length || !asked.length) {
        throw badInput([
          { field: '_type', message: `may name only types this export offers you: ${allowed.join(', ') || 'none'}` },
        ]);
      }
      types = [...new Set(asked)];
    } else if (name === '_since') {
      since = dateParam(value, '_since').instant;
    } else if (name === '_elements') {
      elements.push(...value.split(',').map((element) => element.trim()));
    } else if (name === '_typeFilter') {
      filters.push(value);
    } else if (name === '_outputFormat') {
      if (!OUTPUT_FORMATS.has(value)) {
        throw badInput([{ field: '_outputFormat', message: 'only application/fhir+ndjson is offered' }]);
      }
    } else {
      throw badInput([{ field: name, message: 'is not a parameter of $export here' }]);
    }
  }
  parseElements(elements.length ? [elements.join(',')] : []);
  return {
    types,
    since,
    elements: elements.length ? elements : undefined,
    typeFilters: filters.map((filter) => typeFilterOf(filter, types)),
  };
}
