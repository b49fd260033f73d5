import { testUsers } from './render-app';

/**
 * The signed-in patient's `me { patient { <field> } }` answering one page of `nodes`, a connection
 * of `type` ("Appointment" gives AppointmentConnection and AppointmentEdge), nothing after it.
 */
export function myListData(field: string, type: string, nodes: readonly object[]) {
  return {
    me: {
      __typename: 'User',
      id: testUsers.patient.id,
      patient: {
        __typename: 'Patient',
        id: testUsers.patient.patient.id,
        [field]: {
          __typename: `${type}Connection`,
          totalCount: nodes.length,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          edges: nodes.map((node) => ({ __typename: `${type}Edge`, node })),
        },
      },
    },
  };
}
