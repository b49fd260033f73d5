/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation StartTotpEnrollment {\n    startTotpEnrollment {\n      secret\n      otpauthUri\n    }\n  }\n": typeof types.StartTotpEnrollmentDocument,
    "\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code)\n  }\n": typeof types.ConfirmTotpEnrollmentDocument,
    "\n  mutation DisableTotp($code: String!) {\n    disableTotp(code: $code)\n  }\n": typeof types.DisableTotpDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      userAgent\n      current\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n": typeof types.RevokeOtherSessionsDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  query AdminDoctors($search: String, $first: Int = 100) {\n    doctors(search: $search, first: $first, includeInactive: true) {\n      edges {\n        node {\n          id\n          active\n          firstName\n          lastName\n          specialization\n          licenseNumber\n          timezone\n          consultationFee\n        }\n      }\n    }\n  }\n": typeof types.AdminDoctorsDocument,
    "\n  mutation AdminCreateDoctor($input: CreateDoctorInput!) {\n    createDoctor(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n": typeof types.AdminCreateDoctorDocument,
    "\n  query AdminDoctor($id: ID!) {\n    doctor(id: $id) {\n      id\n      userId\n      active\n      firstName\n      lastName\n      specialization\n      licenseNumber\n      timezone\n      consultationFee\n      bio\n      qualifications\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n": typeof types.AdminDoctorDocument,
    "\n  mutation AdminSetAvailability($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) {\n    setDoctorAvailability(doctorId: $doctorId, rules: $rules) {\n      id\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n": typeof types.AdminSetAvailabilityDocument,
    "\n  mutation AdminAddTimeOff($doctorId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String) {\n    addTimeOff(doctorId: $doctorId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) {\n      id\n      startsAt\n      endsAt\n      reason\n    }\n  }\n": typeof types.AdminAddTimeOffDocument,
    "\n  mutation AdminRemoveTimeOff($id: ID!) {\n    removeTimeOff(id: $id)\n  }\n": typeof types.AdminRemoveTimeOffDocument,
    "\n  query AdminPatients($search: String, $first: Int = 25, $after: String) {\n    patients(search: $search, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          dateOfBirth\n          active\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AdminPatientsDocument,
    "\n  query AdminPatient($id: ID!) {\n    patient(id: $id) {\n      id\n      userId\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n": typeof types.AdminPatientDocument,
    "\n  mutation AdminUpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n": typeof types.AdminUpdatePatientDocument,
    "\n  mutation AdminDeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n": typeof types.AdminDeactivateUserDocument,
    "\n  query AdminAppointments($filter: AppointmentFilter, $first: Int = 25, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          startsAt\n          ...AppointmentStatusBadge\n          ...FrontDeskAppointment\n          patient {\n            id\n            firstName\n            lastName\n          }\n          doctor {\n            id\n            ...DoctorName\n            timezone\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AdminAppointmentsDocument,
    "\n  query AdminAnalytics($from: DateTime!, $to: DateTime!, $timezone: String) {\n    analytics(from: $from, to: $to, timezone: $timezone) {\n      totalAppointments\n      noShowRate\n      cancellationRate\n      appointmentsPerDay {\n        date\n        total\n        completed\n        cancelled\n        noShow\n      }\n      utilisation {\n        doctor {\n          id\n          firstName\n          lastName\n        }\n        availableHours\n        bookedHours\n        utilisation\n      }\n    }\n  }\n": typeof types.AdminAnalyticsDocument,
    "\n  query AdminAuditEvents(\n    $name: String\n    $patientId: ID\n    $actorId: ID\n    $from: DateTime\n    $to: DateTime\n    $first: Int = 50\n    $after: String\n  ) {\n    auditEvents(\n      name: $name\n      patientId: $patientId\n      actorId: $actorId\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          at\n          actorId\n          actorName\n          actorRole\n          action\n          entityType\n          entityId\n          patientId\n          reason\n          emergency\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AdminAuditEventsDocument,
    "\n  query AffectedAppointments($input: ScheduleChangeInput!) {\n    affectedAppointments(input: $input) {\n      id\n      startsAt\n      endsAt\n      status\n      patient {\n        id\n        firstName\n        lastName\n      }\n      doctor {\n        id\n        specialization\n      }\n    }\n  }\n": typeof types.AffectedAppointmentsDocument,
    "\n  mutation ResolveAffectedAppointments($resolutions: [AffectedAppointmentResolutionInput!]!) {\n    resolveAffectedAppointments(resolutions: $resolutions) {\n      id\n      status\n      startsAt\n      cancellationReason\n    }\n  }\n": typeof types.ResolveAffectedAppointmentsDocument,
    "\n  query MoveTargets($specialization: String) {\n    doctors(specialization: $specialization, first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n": typeof types.MoveTargetsDocument,
    "\n  query MoveSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n    }\n  }\n": typeof types.MoveSlotsDocument,
    "\n  mutation AdminReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n": typeof types.AdminReactivateUserDocument,
    "\n  query Specializations {\n    specializations {\n      id\n      name\n    }\n  }\n": typeof types.SpecializationsDocument,
    "\n  mutation CreateSpecialization($name: String!) {\n    createSpecialization(name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.CreateSpecializationDocument,
    "\n  fragment AppointmentStatusBadge on Appointment {\n    status\n  }\n": typeof types.AppointmentStatusBadgeFragmentDoc,
    "\n  fragment SessionUser on User {\n    id\n    email\n    role\n    mfaEnabled\n    mfaEnrollmentRequired\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      ...SessionUser\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation CompleteMfaLogin($challenge: String!, $code: String!) {\n    completeMfaLogin(challenge: $challenge, code: $code) {\n      accessToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.CompleteMfaLoginDocument,
    "\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    status\n    issuedAt\n    dueDate\n    voidReason\n    patientId\n    total {\n      amount\n      currency\n    }\n    balance {\n      amount\n      currency\n    }\n    lines {\n      description\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      total {\n        amount\n        currency\n      }\n    }\n    payments {\n      id\n      method\n      reference\n      paidAt\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n": typeof types.InvoiceFieldsFragmentDoc,
    "\n  query AdminInvoices($status: [InvoiceStatus!], $first: Int = 20, $after: String) {\n    invoices(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...InvoiceFields\n          patient {\n            id\n            firstName\n            lastName\n          }\n        }\n      }\n    }\n  }\n": typeof types.AdminInvoicesDocument,
    "\n  query MyInvoices($first: Int = 30) {\n    invoices(first: $first) {\n      edges {\n        node {\n          ...InvoiceFields\n        }\n      }\n    }\n  }\n": typeof types.MyInvoicesDocument,
    "\n  mutation IssueInvoice($id: ID!) {\n    issueInvoice(id: $id) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.IssueInvoiceDocument,
    "\n  mutation RecordPayment($invoiceId: ID!, $input: RecordPaymentInput!) {\n    recordPayment(invoiceId: $invoiceId, input: $input) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.RecordPaymentDocument,
    "\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.VoidInvoiceDocument,
    "\n  query InsurancePolicies($patientId: ID) {\n    insurancePolicies(patientId: $patientId) {\n      id\n      provider\n      policyNumber\n      memberId\n      validFrom\n      validTo\n    }\n  }\n": typeof types.InsurancePoliciesDocument,
    "\n  mutation AddInsurancePolicy($input: AddInsurancePolicyInput!) {\n    addInsurancePolicy(input: $input) {\n      id\n    }\n  }\n": typeof types.AddInsurancePolicyDocument,
    "\n  mutation SubmitClaim($invoiceId: ID!, $policyId: ID!) {\n    submitClaim(invoiceId: $invoiceId, policyId: $policyId) {\n      id\n      status\n    }\n  }\n": typeof types.SubmitClaimDocument,
    "\n  query Claims($status: [ClaimStatus!], $first: Int = 40, $after: String) {\n    claims(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          submittedAt\n          decidedAt\n          note\n          amountClaimed {\n            amount\n            currency\n          }\n          amountApproved {\n            amount\n            currency\n          }\n          policy {\n            id\n            provider\n            policyNumber\n          }\n          invoice {\n            id\n            number\n          }\n        }\n      }\n    }\n    claimTotals(status: $status) {\n      currency\n      count\n      claimed {\n        amount\n      }\n      approved {\n        amount\n      }\n    }\n  }\n": typeof types.ClaimsDocument,
    "\n  mutation DecideClaim($id: ID!, $input: DecideClaimInput!) {\n    decideClaim(id: $id, input: $input) {\n      id\n      status\n      amountApproved {\n        amount\n      }\n      note\n    }\n  }\n": typeof types.DecideClaimDocument,
    "\n  query Receivables {\n    receivables {\n      currency\n      outstanding {\n        amount\n      }\n      buckets {\n        label\n        invoices\n        outstanding {\n          amount\n        }\n      }\n    }\n  }\n": typeof types.ReceivablesDocument,
    "\n  fragment PatientAppointmentFields on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    reason\n    cancellationReason\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n": typeof types.PatientAppointmentFieldsFragmentDoc,
    "\n  query MyAppointments($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 55) {\n      edges {\n        node {\n          id\n          ...PatientAppointmentFields\n        }\n      }\n    }\n  }\n": typeof types.MyAppointmentsDocument,
    "\n  subscription MyAppointmentUpdated($patientId: ID, $after: String) {\n    appointmentUpdated(patientId: $patientId, after: $after) {\n      id\n      cursor\n      kind\n      at\n      appointment {\n        id\n        ...PatientAppointmentFields\n      }\n    }\n  }\n": typeof types.MyAppointmentUpdatedDocument,
    "\n  mutation CancelMyAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": typeof types.CancelMyAppointmentDocument,
    "\n  mutation RescheduleMyAppointment($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": typeof types.RescheduleMyAppointmentDocument,
    "\n  query BookingDoctors {\n    doctors(first: 95) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          timezone\n          consultationFee\n          nextAvailableSlot {\n            startsAt\n            endsAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.BookingDoctorsDocument,
    "\n  query AvailableSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n      endsAt\n    }\n  }\n": typeof types.AvailableSlotsDocument,
    "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": typeof types.BookAppointmentDocument,
    "\n  query FirstAvailableSlots($specialization: String!) {\n    firstAvailableSlots(specialization: $specialization, limit: 8) {\n      startsAt\n      doctor {\n        id\n      }\n    }\n  }\n": typeof types.FirstAvailableSlotsDocument,
    "\n  query PatientChart($id: ID!, $after: String) {\n    patient(id: $id) {\n      id\n      ...PatientSummary\n      allergies\n      chronicConditions\n      currentMedications\n      surgeries {\n        procedure\n        date\n      }\n      familyHistory {\n        relation\n        condition\n      }\n      emergencyContacts {\n        name\n        relationship\n        phone\n      }\n      # \"Current medications\": the newest prescriptions, whatever the timeline's page shows.\n      prescriptions(first: 15) {\n        edges {\n          node {\n            id\n            status\n            items {\n              medication\n              dosage\n              frequency\n            }\n            doctor {\n              id\n              firstName\n              lastName\n            }\n          }\n        }\n      }\n      timeline(first: 10, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            at\n            appointment {\n              id\n              startsAt\n              status\n              reason\n              ...AppointmentStatusBadge\n              doctor {\n                id\n                firstName\n                lastName\n              }\n            }\n            prescription {\n              id\n              notes\n              ...PrescriptionStatusBadge\n              doctor {\n                id\n                firstName\n                lastName\n              }\n              appointment {\n                id\n                doctor {\n                  id\n                  firstName\n                  lastName\n                }\n              }\n              status\n              items {\n                medication\n                dosage\n                frequency\n                ...PrescriptionItemLine\n              }\n            }\n            admission {\n              id\n              admittedAt\n              dischargedAt\n              reason\n              bed {\n                ward\n                label\n                department {\n                  name\n                }\n              }\n            }\n            medicalRecord {\n              id\n              ...RecordTypeBadge\n              type\n              version\n              doctor {\n                id\n                firstName\n                lastName\n              }\n              appointment {\n                id\n                doctor {\n                  id\n                  firstName\n                  lastName\n                }\n              }\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              symptoms\n              vitals {\n                ...VitalsSummary\n              }\n              notes\n              followUpDate\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PatientChartDocument,
    "\n  mutation RequestEmergencyAccess($patientId: ID!, $reason: String!) {\n    requestEmergencyAccess(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n": typeof types.RequestEmergencyAccessDocument,
    "\n  mutation CreateMedicalRecord($input: CreateMedicalRecordInput!) {\n    createMedicalRecord(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateMedicalRecordDocument,
    "\n  mutation IssuePrescription($input: IssuePrescriptionInput!) {\n    issuePrescription(input: $input) {\n      id\n    }\n  }\n": typeof types.IssuePrescriptionDocument,
    "\n  query MyPatients($search: String) {\n    patients(search: $search, first: 20) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          dateOfBirth\n        }\n      }\n    }\n  }\n": typeof types.MyPatientsDocument,
    "\n  query PatientLookup($search: String!) {\n    patientLookup(search: $search) {\n      patientId\n      firstName\n      lastName\n      dateOfBirth\n      access\n    }\n  }\n": typeof types.PatientLookupDocument,
    "\n  mutation DiscontinuePrescription($id: ID!, $reason: String!) {\n    discontinuePrescription(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.DiscontinuePrescriptionDocument,
    "\n  mutation AmendRecordNotes($id: ID!, $notes: String, $reason: String!) {\n    amendMedicalRecord(id: $id, input: { notes: $notes }, reason: $reason) {\n      id\n      version\n      notes\n    }\n  }\n": typeof types.AmendRecordNotesDocument,
    "\n  fragment DoctorName on Doctor {\n    firstName\n    lastName\n  }\n": typeof types.DoctorNameFragmentDoc,
    "\n  fragment FrontDeskAppointment on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    type\n    cancellationReason\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n": typeof types.FrontDeskAppointmentFragmentDoc,
    "\n  query FrontDeskPatientAppointments($patientId: ID!) {\n    appointments(filter: { patientId: $patientId }, first: 40) {\n      totalCount\n      edges {\n        node {\n          id\n          ...FrontDeskAppointment\n        }\n      }\n    }\n  }\n": typeof types.FrontDeskPatientAppointmentsDocument,
    "\n  mutation FrontDeskBook($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n": typeof types.FrontDeskBookDocument,
    "\n  mutation FrontDeskReschedule($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n": typeof types.FrontDeskRescheduleDocument,
    "\n  mutation FrontDeskCancel($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n": typeof types.FrontDeskCancelDocument,
    "\n  mutation FrontDeskConfirm($id: ID!) {\n    confirmAppointment(id: $id) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n": typeof types.FrontDeskConfirmDocument,
    "\n  fragment LabResultRow on LabResult {\n    code\n    name\n    value\n    unit\n    referenceLow\n    referenceHigh\n    interpretation\n    resultedAt\n    version\n  }\n": typeof types.LabResultRowFragmentDoc,
    "\n  fragment LabOrderCard on LabOrder {\n    id\n    status\n    orderedAt\n    collectedAt\n    resultedAt\n    cancelledAt\n    cancelReason\n    notes\n    tests {\n      code\n      name\n    }\n    results {\n      ...LabResultRow\n    }\n    attachments {\n      id\n      ...AttachmentFile\n    }\n    doctor {\n      id\n      ...DoctorName\n    }\n  }\n": typeof types.LabOrderCardFragmentDoc,
    "\n  query LabCatalogue {\n    labCatalogue {\n      code\n      name\n      isPanel\n      members\n      unit\n      referenceLow\n      referenceHigh\n      normalValues\n    }\n  }\n": typeof types.LabCatalogueDocument,
    "\n  query PatientLabOrders($patientId: ID!, $after: String) {\n    patient(id: $patientId) {\n      id\n      labOrders(first: 5, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            ...LabOrderCard\n          }\n        }\n      }\n    }\n  }\n": typeof types.PatientLabOrdersDocument,
    "\n  query MyLabOrders {\n    me {\n      id\n      patient {\n        id\n        labOrders(first: 30) {\n          edges {\n            node {\n              id\n              ...LabOrderCard\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyLabOrdersDocument,
    "\n  mutation OrderLabTests($input: OrderLabTestsInput!) {\n    orderLabTests(input: $input) {\n      id\n      ...LabOrderCard\n    }\n  }\n": typeof types.OrderLabTestsDocument,
    "\n  mutation RecordLabResults($orderId: ID!, $results: [LabResultInput!]!) {\n    recordLabResults(orderId: $orderId, results: $results) {\n      id\n      ...LabOrderCard\n    }\n  }\n": typeof types.RecordLabResultsDocument,
    "\n  mutation MarkLabSpecimenCollected($orderId: ID!) {\n    markLabSpecimenCollected(orderId: $orderId) {\n      id\n      ...LabOrderCard\n    }\n  }\n": typeof types.MarkLabSpecimenCollectedDocument,
    "\n  mutation CancelLabOrder($orderId: ID!, $reason: String!) {\n    cancelLabOrder(orderId: $orderId, reason: $reason) {\n      id\n      ...LabOrderCard\n    }\n  }\n": typeof types.CancelLabOrderDocument,
    "\n  fragment ThreadSummary on MessageThread {\n    id\n    subject\n    lastMessageAt\n    unreadCount\n    readOnly\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      specialization\n    }\n  }\n": typeof types.ThreadSummaryFragmentDoc,
    "\n  query MessageThreads($after: String) {\n    messageThreads(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          ...ThreadSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MessageThreadsDocument,
    "\n  fragment MessageFields on Message {\n    id\n    body\n    sentAt\n    readAt\n    mine\n    attachments {\n      id\n      ...AttachmentFile\n    }\n  }\n": typeof types.MessageFieldsFragmentDoc,
    "\n  query MessageThread($id: ID!) {\n    messageThread(id: $id) {\n      id\n      ...ThreadSummary\n      messages(first: 65) {\n        edges {\n          node {\n            id\n            ...MessageFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.MessageThreadDocument,
    "\n  query UnreadMessageCount {\n    unreadMessageCount\n  }\n": typeof types.UnreadMessageCountDocument,
    "\n  subscription MessageReceived {\n    messageReceived {\n      id\n      thread {\n        id\n      }\n    }\n  }\n": typeof types.MessageReceivedDocument,
    "\n  mutation SendMessage($threadId: ID!, $body: String!, $attachmentIds: [ID!]) {\n    sendMessage(threadId: $threadId, body: $body, attachmentIds: $attachmentIds) {\n      id\n      ...MessageFields\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation StartThread($input: StartThreadInput!) {\n    startThread(input: $input) {\n      id\n      ...ThreadSummary\n    }\n  }\n": typeof types.StartThreadDocument,
    "\n  mutation MarkThreadRead($threadId: ID!) {\n    markThreadRead(threadId: $threadId) {\n      id\n      unreadCount\n    }\n  }\n": typeof types.MarkThreadReadDocument,
    "\n  query CareTeam {\n    careTeam {\n      id\n      firstName\n      lastName\n      specialization\n    }\n  }\n": typeof types.CareTeamDocument,
    "\n  query MyPrescriptions {\n    me {\n      id\n      patient {\n        id\n        prescriptions(first: 50) {\n          edges {\n            node {\n              id\n              status\n              ...PrescriptionStatusBadge\n              issuedAt\n              notes\n              items {\n                ...PrescriptionItemLine\n              }\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyPrescriptionsDocument,
    "\n  query MyRecords {\n    me {\n      id\n      patient {\n        id\n        timeline(first: 20) {\n          edges {\n            node {\n              id\n              kind\n              at\n              appointment {\n                id\n                ...AppointmentStatusBadge\n                doctor {\n                  id\n                  ...DoctorName\n                  specialization\n                }\n              }\n              prescription {\n                id\n                ...PrescriptionStatusBadge\n                items {\n                  medication\n                }\n              }\n              medicalRecord {\n                id\n              }\n            }\n          }\n        }\n        medicalRecords(first: 20) {\n          edges {\n            node {\n              id\n              recordedAt\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              vitals {\n                systolic\n                diastolic\n                heartRate\n                temperatureC\n                weightKg\n                ...VitalsSummary\n              }\n              notes\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyRecordsDocument,
    "\n  fragment MyProfileFields on Patient {\n    id\n    firstName\n    lastName\n    email\n    phone\n    address\n    dateOfBirth\n    gender\n    allergies\n    chronicConditions\n    currentMedications\n    emergencyContacts {\n      name\n      phone\n      relationship\n    }\n  }\n": typeof types.MyProfileFieldsFragmentDoc,
    "\n  query MyProfile {\n    me {\n      id\n      patient {\n        id\n        ...MyProfileFields\n      }\n    }\n  }\n": typeof types.MyProfileDocument,
    "\n  mutation UpdateMyProfile($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      ...MyProfileFields\n    }\n  }\n": typeof types.UpdateMyProfileDocument,
    "\n  query MyAccessLog {\n    myAccessLog(first: 50) {\n      edges {\n        node {\n          id\n          at\n          actorName\n          actorRole\n          action\n          entityType\n          entityDate\n          emergency\n          reason\n        }\n      }\n    }\n  }\n": typeof types.MyAccessLogDocument,
    "\n  query NotificationBell {\n    unreadNotificationCount\n    notifications(first: 10) {\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n": typeof types.NotificationBellDocument,
    "\n  subscription NotificationLive {\n    notificationReceived {\n      id\n      kind\n      title\n      body\n      createdAt\n      readAt\n    }\n  }\n": typeof types.NotificationLiveDocument,
    "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      readAt\n    }\n  }\n": typeof types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": typeof types.MarkAllNotificationsReadDocument,
    "\n  query Hospitals {\n    hospitals {\n      id\n      name\n      code\n      address\n      timezone\n      currency\n      departments {\n        id\n        name\n      }\n    }\n  }\n": typeof types.HospitalsDocument,
    "\n  query HospitalBeds($hospitalId: ID!) {\n    hospitals {\n      id\n      departments {\n        id\n        name\n        beds {\n          id\n          ward\n          label\n          status\n          admission {\n            id\n            admittedAt\n            patient {\n              id\n              firstName\n              lastName\n            }\n          }\n        }\n      }\n    }\n    bedAvailability(hospitalId: $hospitalId) {\n      department {\n        id\n      }\n      total\n      available\n      occupied\n    }\n  }\n": typeof types.HospitalBedsDocument,
    "\n  subscription BedAvailabilityChanged($hospitalId: ID!) {\n    bedAvailabilityChanged(hospitalId: $hospitalId) {\n      department {\n        id\n        name\n      }\n      total\n      available\n      occupied\n    }\n  }\n": typeof types.BedAvailabilityChangedDocument,
    "\n  mutation CreateHospital($input: CreateHospitalInput!) {\n    createHospital(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateHospitalDocument,
    "\n  mutation CreateDepartment($input: CreateDepartmentInput!) {\n    createDepartment(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateDepartmentDocument,
    "\n  mutation CreateBed($input: CreateBedInput!) {\n    createBed(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.CreateBedDocument,
    "\n  mutation SetBedStatus($id: ID!, $status: BedStatus!) {\n    setBedStatus(id: $id, status: $status) {\n      id\n      status\n    }\n  }\n": typeof types.SetBedStatusDocument,
    "\n  mutation AdmitPatient($input: AdmitPatientInput!) {\n    admitPatient(input: $input) {\n      id\n      bed {\n        id\n        status\n      }\n    }\n  }\n": typeof types.AdmitPatientDocument,
    "\n  mutation DischargePatient($admissionId: ID!) {\n    dischargePatient(admissionId: $admissionId) {\n      id\n      dischargedAt\n      bed {\n        id\n        status\n      }\n    }\n  }\n": typeof types.DischargePatientDocument,
    "\n  query AdmissionPatientSearch($search: String) {\n    patients(search: $search, first: 10) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          dateOfBirth\n        }\n      }\n    }\n  }\n": typeof types.AdmissionPatientSearchDocument,
    "\n  query AdminApiClients {\n    apiClients(first: 70) {\n      edges {\n        node {\n          id\n          name\n          scopes\n          active\n          createdAt\n          secretIssuedAt\n          previousSecretValidUntil\n          revokedAt\n          consentCount\n          webhooks {\n            id\n            url\n            active\n            disabledAt\n          }\n        }\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n": typeof types.AdminApiClientsDocument,
    "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      clientSecret\n      client {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateApiClientDocument,
    "\n  mutation RotateApiClientSecret($id: ID!, $graceSeconds: Int) {\n    rotateApiClientSecret(id: $id, graceSeconds: $graceSeconds) {\n      clientSecret\n      client {\n        id\n        name\n        secretIssuedAt\n        previousSecretValidUntil\n      }\n    }\n  }\n": typeof types.RotateApiClientSecretDocument,
    "\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiClientDocument,
    "\n  query MySharing {\n    sharingPartners {\n      id\n      name\n      scopes\n    }\n    myConsents {\n      id\n      purpose\n      active\n      grantedAt\n      revokedAt\n      apiClient {\n        id\n        name\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n": typeof types.MySharingDocument,
    "\n  mutation GrantSharing($apiClientId: ID!) {\n    grantConsent(input: { purpose: DATA_SHARING, apiClientId: $apiClientId }) {\n      id\n      active\n    }\n  }\n": typeof types.GrantSharingDocument,
    "\n  mutation RevokeSharing($id: ID!) {\n    revokeConsent(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n": typeof types.RevokeSharingDocument,
    "\n  fragment PatientSummary on Patient {\n    firstName\n    lastName\n    dateOfBirth\n    gender\n    bloodGroup\n    phone\n  }\n": typeof types.PatientSummaryFragmentDoc,
    "\n  fragment PrescriptionItemLine on PrescriptionItem {\n    medication\n    dosage\n    frequency\n    durationDays\n    instructions\n  }\n": typeof types.PrescriptionItemLineFragmentDoc,
    "\n  fragment PrescriptionStatusBadge on Prescription {\n    status\n  }\n": typeof types.PrescriptionStatusBadgeFragmentDoc,
    "\n  fragment DiagnosisLine on Diagnosis {\n    code\n    description\n  }\n": typeof types.DiagnosisLineFragmentDoc,
    "\n  fragment RecordTypeBadge on MedicalRecord {\n    type\n  }\n": typeof types.RecordTypeBadgeFragmentDoc,
    "\n  fragment VitalsSummary on Vitals {\n    systolic\n    diastolic\n    heartRate\n    temperatureC\n    respiratoryRate\n    oxygenSaturation\n    weightKg\n    heightCm\n  }\n": typeof types.VitalsSummaryFragmentDoc,
    "\n  fragment ScheduleAppointment on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    type\n    reason\n    cancellationReason\n    patient {\n      id\n      firstName\n      lastName\n    }\n  }\n": typeof types.ScheduleAppointmentFragmentDoc,
    "\n  query DoctorSchedule($filter: AppointmentFilter, $first: Int = 50, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DoctorScheduleDocument,
    "\n  subscription ScheduleAppointmentUpdated($doctorId: ID, $after: String) {\n    appointmentUpdated(doctorId: $doctorId, after: $after) {\n      id\n      cursor\n      kind\n      at\n      appointment {\n        id\n        ...ScheduleAppointment\n      }\n    }\n  }\n": typeof types.ScheduleAppointmentUpdatedDocument,
    "\n  mutation ConfirmAppointment($id: ID!) {\n    confirmAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.ConfirmAppointmentDocument,
    "\n  mutation CheckInAppointment($id: ID!) {\n    checkInAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.CheckInAppointmentDocument,
    "\n  mutation CompleteAppointment($id: ID!) {\n    completeAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.CompleteAppointmentDocument,
    "\n  mutation MarkNoShow($id: ID!) {\n    markNoShow(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.MarkNoShowDocument,
    "\n  mutation CancelAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.CancelAppointmentDocument,
    "\n  query DoctorCalendar($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    doctor(id: $doctorId) {\n      id\n      timezone\n      availability {\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff(from: $from, to: $to) {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n    }\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n      endsAt\n    }\n  }\n": typeof types.DoctorCalendarDocument,
    "\n  query BookingRequests($from: DateTime!) {\n    appointments(filter: { status: [REQUESTED], from: $from }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n    }\n  }\n": typeof types.BookingRequestsDocument,
    "\n  query BookingRequestCount($from: DateTime!) {\n    appointments(filter: { status: [REQUESTED], from: $from }, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.BookingRequestCountDocument,
    "\n  query TodayWorklist($from: DateTime!, $to: DateTime!) {\n    appointments(\n      filter: { from: $from, to: $to, status: [REQUESTED, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW] }\n      first: 50\n    ) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n          patient {\n            id\n            dateOfBirth\n            allergies\n          }\n          medicalRecords {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.TodayWorklistDocument,
    "\n  mutation RescheduleScheduleAppointment($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.RescheduleScheduleAppointmentDocument,
    "\n  mutation HoldSlot($doctorId: ID!, $startsAt: DateTime!) {\n    holdSlot(doctorId: $doctorId, startsAt: $startsAt) {\n      id\n      doctorId\n      startsAt\n      expiresAt\n    }\n  }\n": typeof types.HoldSlotDocument,
    "\n  mutation ReleaseSlotHold($id: ID!) {\n    releaseSlotHold(id: $id)\n  }\n": typeof types.ReleaseSlotHoldDocument,
    "\n  fragment WaitlistEntryFields on WaitlistEntry {\n    id\n    status\n    from\n    to\n    specialization\n    createdAt\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n    offer {\n      id\n      startsAt\n      endsAt\n      expiresAt\n    }\n  }\n": typeof types.WaitlistEntryFieldsFragmentDoc,
    "\n  query MyWaitlist {\n    myWaitlist {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n": typeof types.MyWaitlistDocument,
    "\n  mutation JoinWaitlist($input: JoinWaitlistInput!) {\n    joinWaitlist(input: $input) {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n": typeof types.JoinWaitlistDocument,
    "\n  mutation AcceptWaitlistOffer($id: ID!) {\n    acceptWaitlistOffer(id: $id) {\n      id\n      startsAt\n      status\n    }\n  }\n": typeof types.AcceptWaitlistOfferDocument,
    "\n  mutation LeaveWaitlist($id: ID!) {\n    leaveWaitlist(id: $id) {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n": typeof types.LeaveWaitlistDocument,
    "\n  query DoctorWaitlist($doctorId: ID!) {\n    doctorWaitlist(doctorId: $doctorId) {\n      id\n      status\n      patientName\n      specialization\n      from\n      to\n      createdAt\n      offer {\n        id\n        startsAt\n        expiresAt\n      }\n    }\n  }\n": typeof types.DoctorWaitlistDocument,
    "\n  query AdminWebhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      failingSince\n      disabledAt\n    }\n  }\n": typeof types.AdminWebhooksDocument,
    "\n  query WebhookDeliveries($webhookId: ID!, $first: Int = 20, $after: String) {\n    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventId\n          eventKind\n          attempt\n          succeeded\n          statusCode\n          durationMs\n          errorClass\n          attemptedAt\n          nextAttemptAt\n        }\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        url\n      }\n    }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  mutation ReactivateWebhook($id: ID!) {\n    reactivateWebhook(id: $id) {\n      id\n      active\n      failingSince\n      disabledAt\n    }\n  }\n": typeof types.ReactivateWebhookDocument,
    "\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      messageId\n      succeeded\n      statusCode\n      durationMs\n      errorClass\n    }\n  }\n": typeof types.TestWebhookDocument,
    "\n  fragment AttachmentFile on Attachment {\n    id\n    fileName\n    contentType\n    sizeBytes\n    downloadUrl\n  }\n": typeof types.AttachmentFileFragmentDoc,
    "\n  query AttachmentLink($id: ID!) {\n    attachment(id: $id) {\n      id\n      downloadUrl\n    }\n  }\n": typeof types.AttachmentLinkDocument,
    "\n  mutation CreateAttachmentUpload($input: CreateAttachmentUploadInput!) {\n    createAttachmentUpload(input: $input) {\n      uploadUrl\n      attachment {\n        id\n        status\n      }\n    }\n  }\n": typeof types.CreateAttachmentUploadDocument,
};
const documents: Documents = {
    "\n  mutation StartTotpEnrollment {\n    startTotpEnrollment {\n      secret\n      otpauthUri\n    }\n  }\n": types.StartTotpEnrollmentDocument,
    "\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code)\n  }\n": types.ConfirmTotpEnrollmentDocument,
    "\n  mutation DisableTotp($code: String!) {\n    disableTotp(code: $code)\n  }\n": types.DisableTotpDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      userAgent\n      current\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n": types.RevokeOtherSessionsDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": types.ResetPasswordDocument,
    "\n  query AdminDoctors($search: String, $first: Int = 100) {\n    doctors(search: $search, first: $first, includeInactive: true) {\n      edges {\n        node {\n          id\n          active\n          firstName\n          lastName\n          specialization\n          licenseNumber\n          timezone\n          consultationFee\n        }\n      }\n    }\n  }\n": types.AdminDoctorsDocument,
    "\n  mutation AdminCreateDoctor($input: CreateDoctorInput!) {\n    createDoctor(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n": types.AdminCreateDoctorDocument,
    "\n  query AdminDoctor($id: ID!) {\n    doctor(id: $id) {\n      id\n      userId\n      active\n      firstName\n      lastName\n      specialization\n      licenseNumber\n      timezone\n      consultationFee\n      bio\n      qualifications\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n": types.AdminDoctorDocument,
    "\n  mutation AdminSetAvailability($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) {\n    setDoctorAvailability(doctorId: $doctorId, rules: $rules) {\n      id\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n": types.AdminSetAvailabilityDocument,
    "\n  mutation AdminAddTimeOff($doctorId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String) {\n    addTimeOff(doctorId: $doctorId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) {\n      id\n      startsAt\n      endsAt\n      reason\n    }\n  }\n": types.AdminAddTimeOffDocument,
    "\n  mutation AdminRemoveTimeOff($id: ID!) {\n    removeTimeOff(id: $id)\n  }\n": types.AdminRemoveTimeOffDocument,
    "\n  query AdminPatients($search: String, $first: Int = 25, $after: String) {\n    patients(search: $search, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          dateOfBirth\n          active\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AdminPatientsDocument,
    "\n  query AdminPatient($id: ID!) {\n    patient(id: $id) {\n      id\n      userId\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n": types.AdminPatientDocument,
    "\n  mutation AdminUpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n": types.AdminUpdatePatientDocument,
    "\n  mutation AdminDeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n": types.AdminDeactivateUserDocument,
    "\n  query AdminAppointments($filter: AppointmentFilter, $first: Int = 25, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          startsAt\n          ...AppointmentStatusBadge\n          ...FrontDeskAppointment\n          patient {\n            id\n            firstName\n            lastName\n          }\n          doctor {\n            id\n            ...DoctorName\n            timezone\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AdminAppointmentsDocument,
    "\n  query AdminAnalytics($from: DateTime!, $to: DateTime!, $timezone: String) {\n    analytics(from: $from, to: $to, timezone: $timezone) {\n      totalAppointments\n      noShowRate\n      cancellationRate\n      appointmentsPerDay {\n        date\n        total\n        completed\n        cancelled\n        noShow\n      }\n      utilisation {\n        doctor {\n          id\n          firstName\n          lastName\n        }\n        availableHours\n        bookedHours\n        utilisation\n      }\n    }\n  }\n": types.AdminAnalyticsDocument,
    "\n  query AdminAuditEvents(\n    $name: String\n    $patientId: ID\n    $actorId: ID\n    $from: DateTime\n    $to: DateTime\n    $first: Int = 50\n    $after: String\n  ) {\n    auditEvents(\n      name: $name\n      patientId: $patientId\n      actorId: $actorId\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          at\n          actorId\n          actorName\n          actorRole\n          action\n          entityType\n          entityId\n          patientId\n          reason\n          emergency\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AdminAuditEventsDocument,
    "\n  query AffectedAppointments($input: ScheduleChangeInput!) {\n    affectedAppointments(input: $input) {\n      id\n      startsAt\n      endsAt\n      status\n      patient {\n        id\n        firstName\n        lastName\n      }\n      doctor {\n        id\n        specialization\n      }\n    }\n  }\n": types.AffectedAppointmentsDocument,
    "\n  mutation ResolveAffectedAppointments($resolutions: [AffectedAppointmentResolutionInput!]!) {\n    resolveAffectedAppointments(resolutions: $resolutions) {\n      id\n      status\n      startsAt\n      cancellationReason\n    }\n  }\n": types.ResolveAffectedAppointmentsDocument,
    "\n  query MoveTargets($specialization: String) {\n    doctors(specialization: $specialization, first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n": types.MoveTargetsDocument,
    "\n  query MoveSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n    }\n  }\n": types.MoveSlotsDocument,
    "\n  mutation AdminReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n": types.AdminReactivateUserDocument,
    "\n  query Specializations {\n    specializations {\n      id\n      name\n    }\n  }\n": types.SpecializationsDocument,
    "\n  mutation CreateSpecialization($name: String!) {\n    createSpecialization(name: $name) {\n      id\n      name\n    }\n  }\n": types.CreateSpecializationDocument,
    "\n  fragment AppointmentStatusBadge on Appointment {\n    status\n  }\n": types.AppointmentStatusBadgeFragmentDoc,
    "\n  fragment SessionUser on User {\n    id\n    email\n    role\n    mfaEnabled\n    mfaEnrollmentRequired\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n  }\n": types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      ...SessionUser\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation CompleteMfaLogin($challenge: String!, $code: String!) {\n    completeMfaLogin(challenge: $challenge, code: $code) {\n      accessToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n": types.CompleteMfaLoginDocument,
    "\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    status\n    issuedAt\n    dueDate\n    voidReason\n    patientId\n    total {\n      amount\n      currency\n    }\n    balance {\n      amount\n      currency\n    }\n    lines {\n      description\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      total {\n        amount\n        currency\n      }\n    }\n    payments {\n      id\n      method\n      reference\n      paidAt\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n": types.InvoiceFieldsFragmentDoc,
    "\n  query AdminInvoices($status: [InvoiceStatus!], $first: Int = 20, $after: String) {\n    invoices(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...InvoiceFields\n          patient {\n            id\n            firstName\n            lastName\n          }\n        }\n      }\n    }\n  }\n": types.AdminInvoicesDocument,
    "\n  query MyInvoices($first: Int = 30) {\n    invoices(first: $first) {\n      edges {\n        node {\n          ...InvoiceFields\n        }\n      }\n    }\n  }\n": types.MyInvoicesDocument,
    "\n  mutation IssueInvoice($id: ID!) {\n    issueInvoice(id: $id) {\n      ...InvoiceFields\n    }\n  }\n": types.IssueInvoiceDocument,
    "\n  mutation RecordPayment($invoiceId: ID!, $input: RecordPaymentInput!) {\n    recordPayment(invoiceId: $invoiceId, input: $input) {\n      ...InvoiceFields\n    }\n  }\n": types.RecordPaymentDocument,
    "\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n": types.VoidInvoiceDocument,
    "\n  query InsurancePolicies($patientId: ID) {\n    insurancePolicies(patientId: $patientId) {\n      id\n      provider\n      policyNumber\n      memberId\n      validFrom\n      validTo\n    }\n  }\n": types.InsurancePoliciesDocument,
    "\n  mutation AddInsurancePolicy($input: AddInsurancePolicyInput!) {\n    addInsurancePolicy(input: $input) {\n      id\n    }\n  }\n": types.AddInsurancePolicyDocument,
    "\n  mutation SubmitClaim($invoiceId: ID!, $policyId: ID!) {\n    submitClaim(invoiceId: $invoiceId, policyId: $policyId) {\n      id\n      status\n    }\n  }\n": types.SubmitClaimDocument,
    "\n  query Claims($status: [ClaimStatus!], $first: Int = 40, $after: String) {\n    claims(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          submittedAt\n          decidedAt\n          note\n          amountClaimed {\n            amount\n            currency\n          }\n          amountApproved {\n            amount\n            currency\n          }\n          policy {\n            id\n            provider\n            policyNumber\n          }\n          invoice {\n            id\n            number\n          }\n        }\n      }\n    }\n    claimTotals(status: $status) {\n      currency\n      count\n      claimed {\n        amount\n      }\n      approved {\n        amount\n      }\n    }\n  }\n": types.ClaimsDocument,
    "\n  mutation DecideClaim($id: ID!, $input: DecideClaimInput!) {\n    decideClaim(id: $id, input: $input) {\n      id\n      status\n      amountApproved {\n        amount\n      }\n      note\n    }\n  }\n": types.DecideClaimDocument,
    "\n  query Receivables {\n    receivables {\n      currency\n      outstanding {\n        amount\n      }\n      buckets {\n        label\n        invoices\n        outstanding {\n          amount\n        }\n      }\n    }\n  }\n": types.ReceivablesDocument,
    "\n  fragment PatientAppointmentFields on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    reason\n    cancellationReason\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n": types.PatientAppointmentFieldsFragmentDoc,
    "\n  query MyAppointments($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 55) {\n      edges {\n        node {\n          id\n          ...PatientAppointmentFields\n        }\n      }\n    }\n  }\n": types.MyAppointmentsDocument,
    "\n  subscription MyAppointmentUpdated($patientId: ID, $after: String) {\n    appointmentUpdated(patientId: $patientId, after: $after) {\n      id\n      cursor\n      kind\n      at\n      appointment {\n        id\n        ...PatientAppointmentFields\n      }\n    }\n  }\n": types.MyAppointmentUpdatedDocument,
    "\n  mutation CancelMyAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": types.CancelMyAppointmentDocument,
    "\n  mutation RescheduleMyAppointment($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": types.RescheduleMyAppointmentDocument,
    "\n  query BookingDoctors {\n    doctors(first: 95) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          timezone\n          consultationFee\n          nextAvailableSlot {\n            startsAt\n            endsAt\n          }\n        }\n      }\n    }\n  }\n": types.BookingDoctorsDocument,
    "\n  query AvailableSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n      endsAt\n    }\n  }\n": types.AvailableSlotsDocument,
    "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": types.BookAppointmentDocument,
    "\n  query FirstAvailableSlots($specialization: String!) {\n    firstAvailableSlots(specialization: $specialization, limit: 8) {\n      startsAt\n      doctor {\n        id\n      }\n    }\n  }\n": types.FirstAvailableSlotsDocument,
    "\n  query PatientChart($id: ID!, $after: String) {\n    patient(id: $id) {\n      id\n      ...PatientSummary\n      allergies\n      chronicConditions\n      currentMedications\n      surgeries {\n        procedure\n        date\n      }\n      familyHistory {\n        relation\n        condition\n      }\n      emergencyContacts {\n        name\n        relationship\n        phone\n      }\n      # \"Current medications\": the newest prescriptions, whatever the timeline's page shows.\n      prescriptions(first: 15) {\n        edges {\n          node {\n            id\n            status\n            items {\n              medication\n              dosage\n              frequency\n            }\n            doctor {\n              id\n              firstName\n              lastName\n            }\n          }\n        }\n      }\n      timeline(first: 10, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            at\n            appointment {\n              id\n              startsAt\n              status\n              reason\n              ...AppointmentStatusBadge\n              doctor {\n                id\n                firstName\n                lastName\n              }\n            }\n            prescription {\n              id\n              notes\n              ...PrescriptionStatusBadge\n              doctor {\n                id\n                firstName\n                lastName\n              }\n              appointment {\n                id\n                doctor {\n                  id\n                  firstName\n                  lastName\n                }\n              }\n              status\n              items {\n                medication\n                dosage\n                frequency\n                ...PrescriptionItemLine\n              }\n            }\n            admission {\n              id\n              admittedAt\n              dischargedAt\n              reason\n              bed {\n                ward\n                label\n                department {\n                  name\n                }\n              }\n            }\n            medicalRecord {\n              id\n              ...RecordTypeBadge\n              type\n              version\n              doctor {\n                id\n                firstName\n                lastName\n              }\n              appointment {\n                id\n                doctor {\n                  id\n                  firstName\n                  lastName\n                }\n              }\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              symptoms\n              vitals {\n                ...VitalsSummary\n              }\n              notes\n              followUpDate\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PatientChartDocument,
    "\n  mutation RequestEmergencyAccess($patientId: ID!, $reason: String!) {\n    requestEmergencyAccess(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n": types.RequestEmergencyAccessDocument,
    "\n  mutation CreateMedicalRecord($input: CreateMedicalRecordInput!) {\n    createMedicalRecord(input: $input) {\n      id\n    }\n  }\n": types.CreateMedicalRecordDocument,
    "\n  mutation IssuePrescription($input: IssuePrescriptionInput!) {\n    issuePrescription(input: $input) {\n      id\n    }\n  }\n": types.IssuePrescriptionDocument,
    "\n  query MyPatients($search: String) {\n    patients(search: $search, first: 20) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          dateOfBirth\n        }\n      }\n    }\n  }\n": types.MyPatientsDocument,
    "\n  query PatientLookup($search: String!) {\n    patientLookup(search: $search) {\n      patientId\n      firstName\n      lastName\n      dateOfBirth\n      access\n    }\n  }\n": types.PatientLookupDocument,
    "\n  mutation DiscontinuePrescription($id: ID!, $reason: String!) {\n    discontinuePrescription(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.DiscontinuePrescriptionDocument,
    "\n  mutation AmendRecordNotes($id: ID!, $notes: String, $reason: String!) {\n    amendMedicalRecord(id: $id, input: { notes: $notes }, reason: $reason) {\n      id\n      version\n      notes\n    }\n  }\n": types.AmendRecordNotesDocument,
    "\n  fragment DoctorName on Doctor {\n    firstName\n    lastName\n  }\n": types.DoctorNameFragmentDoc,
    "\n  fragment FrontDeskAppointment on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    type\n    cancellationReason\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n": types.FrontDeskAppointmentFragmentDoc,
    "\n  query FrontDeskPatientAppointments($patientId: ID!) {\n    appointments(filter: { patientId: $patientId }, first: 40) {\n      totalCount\n      edges {\n        node {\n          id\n          ...FrontDeskAppointment\n        }\n      }\n    }\n  }\n": types.FrontDeskPatientAppointmentsDocument,
    "\n  mutation FrontDeskBook($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n": types.FrontDeskBookDocument,
    "\n  mutation FrontDeskReschedule($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n": types.FrontDeskRescheduleDocument,
    "\n  mutation FrontDeskCancel($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n": types.FrontDeskCancelDocument,
    "\n  mutation FrontDeskConfirm($id: ID!) {\n    confirmAppointment(id: $id) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n": types.FrontDeskConfirmDocument,
    "\n  fragment LabResultRow on LabResult {\n    code\n    name\n    value\n    unit\n    referenceLow\n    referenceHigh\n    interpretation\n    resultedAt\n    version\n  }\n": types.LabResultRowFragmentDoc,
    "\n  fragment LabOrderCard on LabOrder {\n    id\n    status\n    orderedAt\n    collectedAt\n    resultedAt\n    cancelledAt\n    cancelReason\n    notes\n    tests {\n      code\n      name\n    }\n    results {\n      ...LabResultRow\n    }\n    attachments {\n      id\n      ...AttachmentFile\n    }\n    doctor {\n      id\n      ...DoctorName\n    }\n  }\n": types.LabOrderCardFragmentDoc,
    "\n  query LabCatalogue {\n    labCatalogue {\n      code\n      name\n      isPanel\n      members\n      unit\n      referenceLow\n      referenceHigh\n      normalValues\n    }\n  }\n": types.LabCatalogueDocument,
    "\n  query PatientLabOrders($patientId: ID!, $after: String) {\n    patient(id: $patientId) {\n      id\n      labOrders(first: 5, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            ...LabOrderCard\n          }\n        }\n      }\n    }\n  }\n": types.PatientLabOrdersDocument,
    "\n  query MyLabOrders {\n    me {\n      id\n      patient {\n        id\n        labOrders(first: 30) {\n          edges {\n            node {\n              id\n              ...LabOrderCard\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyLabOrdersDocument,
    "\n  mutation OrderLabTests($input: OrderLabTestsInput!) {\n    orderLabTests(input: $input) {\n      id\n      ...LabOrderCard\n    }\n  }\n": types.OrderLabTestsDocument,
    "\n  mutation RecordLabResults($orderId: ID!, $results: [LabResultInput!]!) {\n    recordLabResults(orderId: $orderId, results: $results) {\n      id\n      ...LabOrderCard\n    }\n  }\n": types.RecordLabResultsDocument,
    "\n  mutation MarkLabSpecimenCollected($orderId: ID!) {\n    markLabSpecimenCollected(orderId: $orderId) {\n      id\n      ...LabOrderCard\n    }\n  }\n": types.MarkLabSpecimenCollectedDocument,
    "\n  mutation CancelLabOrder($orderId: ID!, $reason: String!) {\n    cancelLabOrder(orderId: $orderId, reason: $reason) {\n      id\n      ...LabOrderCard\n    }\n  }\n": types.CancelLabOrderDocument,
    "\n  fragment ThreadSummary on MessageThread {\n    id\n    subject\n    lastMessageAt\n    unreadCount\n    readOnly\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      specialization\n    }\n  }\n": types.ThreadSummaryFragmentDoc,
    "\n  query MessageThreads($after: String) {\n    messageThreads(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          ...ThreadSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MessageThreadsDocument,
    "\n  fragment MessageFields on Message {\n    id\n    body\n    sentAt\n    readAt\n    mine\n    attachments {\n      id\n      ...AttachmentFile\n    }\n  }\n": types.MessageFieldsFragmentDoc,
    "\n  query MessageThread($id: ID!) {\n    messageThread(id: $id) {\n      id\n      ...ThreadSummary\n      messages(first: 65) {\n        edges {\n          node {\n            id\n            ...MessageFields\n          }\n        }\n      }\n    }\n  }\n": types.MessageThreadDocument,
    "\n  query UnreadMessageCount {\n    unreadMessageCount\n  }\n": types.UnreadMessageCountDocument,
    "\n  subscription MessageReceived {\n    messageReceived {\n      id\n      thread {\n        id\n      }\n    }\n  }\n": types.MessageReceivedDocument,
    "\n  mutation SendMessage($threadId: ID!, $body: String!, $attachmentIds: [ID!]) {\n    sendMessage(threadId: $threadId, body: $body, attachmentIds: $attachmentIds) {\n      id\n      ...MessageFields\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation StartThread($input: StartThreadInput!) {\n    startThread(input: $input) {\n      id\n      ...ThreadSummary\n    }\n  }\n": types.StartThreadDocument,
    "\n  mutation MarkThreadRead($threadId: ID!) {\n    markThreadRead(threadId: $threadId) {\n      id\n      unreadCount\n    }\n  }\n": types.MarkThreadReadDocument,
    "\n  query CareTeam {\n    careTeam {\n      id\n      firstName\n      lastName\n      specialization\n    }\n  }\n": types.CareTeamDocument,
    "\n  query MyPrescriptions {\n    me {\n      id\n      patient {\n        id\n        prescriptions(first: 50) {\n          edges {\n            node {\n              id\n              status\n              ...PrescriptionStatusBadge\n              issuedAt\n              notes\n              items {\n                ...PrescriptionItemLine\n              }\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyPrescriptionsDocument,
    "\n  query MyRecords {\n    me {\n      id\n      patient {\n        id\n        timeline(first: 20) {\n          edges {\n            node {\n              id\n              kind\n              at\n              appointment {\n                id\n                ...AppointmentStatusBadge\n                doctor {\n                  id\n                  ...DoctorName\n                  specialization\n                }\n              }\n              prescription {\n                id\n                ...PrescriptionStatusBadge\n                items {\n                  medication\n                }\n              }\n              medicalRecord {\n                id\n              }\n            }\n          }\n        }\n        medicalRecords(first: 20) {\n          edges {\n            node {\n              id\n              recordedAt\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              vitals {\n                systolic\n                diastolic\n                heartRate\n                temperatureC\n                weightKg\n                ...VitalsSummary\n              }\n              notes\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyRecordsDocument,
    "\n  fragment MyProfileFields on Patient {\n    id\n    firstName\n    lastName\n    email\n    phone\n    address\n    dateOfBirth\n    gender\n    allergies\n    chronicConditions\n    currentMedications\n    emergencyContacts {\n      name\n      phone\n      relationship\n    }\n  }\n": types.MyProfileFieldsFragmentDoc,
    "\n  query MyProfile {\n    me {\n      id\n      patient {\n        id\n        ...MyProfileFields\n      }\n    }\n  }\n": types.MyProfileDocument,
    "\n  mutation UpdateMyProfile($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      ...MyProfileFields\n    }\n  }\n": types.UpdateMyProfileDocument,
    "\n  query MyAccessLog {\n    myAccessLog(first: 50) {\n      edges {\n        node {\n          id\n          at\n          actorName\n          actorRole\n          action\n          entityType\n          entityDate\n          emergency\n          reason\n        }\n      }\n    }\n  }\n": types.MyAccessLogDocument,
    "\n  query NotificationBell {\n    unreadNotificationCount\n    notifications(first: 10) {\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n": types.NotificationBellDocument,
    "\n  subscription NotificationLive {\n    notificationReceived {\n      id\n      kind\n      title\n      body\n      createdAt\n      readAt\n    }\n  }\n": types.NotificationLiveDocument,
    "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      readAt\n    }\n  }\n": types.MarkNotificationReadDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": types.MarkAllNotificationsReadDocument,
    "\n  query Hospitals {\n    hospitals {\n      id\n      name\n      code\n      address\n      timezone\n      currency\n      departments {\n        id\n        name\n      }\n    }\n  }\n": types.HospitalsDocument,
    "\n  query HospitalBeds($hospitalId: ID!) {\n    hospitals {\n      id\n      departments {\n        id\n        name\n        beds {\n          id\n          ward\n          label\n          status\n          admission {\n            id\n            admittedAt\n            patient {\n              id\n              firstName\n              lastName\n            }\n          }\n        }\n      }\n    }\n    bedAvailability(hospitalId: $hospitalId) {\n      department {\n        id\n      }\n      total\n      available\n      occupied\n    }\n  }\n": types.HospitalBedsDocument,
    "\n  subscription BedAvailabilityChanged($hospitalId: ID!) {\n    bedAvailabilityChanged(hospitalId: $hospitalId) {\n      department {\n        id\n        name\n      }\n      total\n      available\n      occupied\n    }\n  }\n": types.BedAvailabilityChangedDocument,
    "\n  mutation CreateHospital($input: CreateHospitalInput!) {\n    createHospital(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateHospitalDocument,
    "\n  mutation CreateDepartment($input: CreateDepartmentInput!) {\n    createDepartment(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateDepartmentDocument,
    "\n  mutation CreateBed($input: CreateBedInput!) {\n    createBed(input: $input) {\n      id\n      status\n    }\n  }\n": types.CreateBedDocument,
    "\n  mutation SetBedStatus($id: ID!, $status: BedStatus!) {\n    setBedStatus(id: $id, status: $status) {\n      id\n      status\n    }\n  }\n": types.SetBedStatusDocument,
    "\n  mutation AdmitPatient($input: AdmitPatientInput!) {\n    admitPatient(input: $input) {\n      id\n      bed {\n        id\n        status\n      }\n    }\n  }\n": types.AdmitPatientDocument,
    "\n  mutation DischargePatient($admissionId: ID!) {\n    dischargePatient(admissionId: $admissionId) {\n      id\n      dischargedAt\n      bed {\n        id\n        status\n      }\n    }\n  }\n": types.DischargePatientDocument,
    "\n  query AdmissionPatientSearch($search: String) {\n    patients(search: $search, first: 10) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          dateOfBirth\n        }\n      }\n    }\n  }\n": types.AdmissionPatientSearchDocument,
    "\n  query AdminApiClients {\n    apiClients(first: 70) {\n      edges {\n        node {\n          id\n          name\n          scopes\n          active\n          createdAt\n          secretIssuedAt\n          previousSecretValidUntil\n          revokedAt\n          consentCount\n          webhooks {\n            id\n            url\n            active\n            disabledAt\n          }\n        }\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n": types.AdminApiClientsDocument,
    "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      clientSecret\n      client {\n        id\n        name\n      }\n    }\n  }\n": types.CreateApiClientDocument,
    "\n  mutation RotateApiClientSecret($id: ID!, $graceSeconds: Int) {\n    rotateApiClientSecret(id: $id, graceSeconds: $graceSeconds) {\n      clientSecret\n      client {\n        id\n        name\n        secretIssuedAt\n        previousSecretValidUntil\n      }\n    }\n  }\n": types.RotateApiClientSecretDocument,
    "\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n": types.RevokeApiClientDocument,
    "\n  query MySharing {\n    sharingPartners {\n      id\n      name\n      scopes\n    }\n    myConsents {\n      id\n      purpose\n      active\n      grantedAt\n      revokedAt\n      apiClient {\n        id\n        name\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n": types.MySharingDocument,
    "\n  mutation GrantSharing($apiClientId: ID!) {\n    grantConsent(input: { purpose: DATA_SHARING, apiClientId: $apiClientId }) {\n      id\n      active\n    }\n  }\n": types.GrantSharingDocument,
    "\n  mutation RevokeSharing($id: ID!) {\n    revokeConsent(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n": types.RevokeSharingDocument,
    "\n  fragment PatientSummary on Patient {\n    firstName\n    lastName\n    dateOfBirth\n    gender\n    bloodGroup\n    phone\n  }\n": types.PatientSummaryFragmentDoc,
    "\n  fragment PrescriptionItemLine on PrescriptionItem {\n    medication\n    dosage\n    frequency\n    durationDays\n    instructions\n  }\n": types.PrescriptionItemLineFragmentDoc,
    "\n  fragment PrescriptionStatusBadge on Prescription {\n    status\n  }\n": types.PrescriptionStatusBadgeFragmentDoc,
    "\n  fragment DiagnosisLine on Diagnosis {\n    code\n    description\n  }\n": types.DiagnosisLineFragmentDoc,
    "\n  fragment RecordTypeBadge on MedicalRecord {\n    type\n  }\n": types.RecordTypeBadgeFragmentDoc,
    "\n  fragment VitalsSummary on Vitals {\n    systolic\n    diastolic\n    heartRate\n    temperatureC\n    respiratoryRate\n    oxygenSaturation\n    weightKg\n    heightCm\n  }\n": types.VitalsSummaryFragmentDoc,
    "\n  fragment ScheduleAppointment on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    type\n    reason\n    cancellationReason\n    patient {\n      id\n      firstName\n      lastName\n    }\n  }\n": types.ScheduleAppointmentFragmentDoc,
    "\n  query DoctorSchedule($filter: AppointmentFilter, $first: Int = 50, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DoctorScheduleDocument,
    "\n  subscription ScheduleAppointmentUpdated($doctorId: ID, $after: String) {\n    appointmentUpdated(doctorId: $doctorId, after: $after) {\n      id\n      cursor\n      kind\n      at\n      appointment {\n        id\n        ...ScheduleAppointment\n      }\n    }\n  }\n": types.ScheduleAppointmentUpdatedDocument,
    "\n  mutation ConfirmAppointment($id: ID!) {\n    confirmAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.ConfirmAppointmentDocument,
    "\n  mutation CheckInAppointment($id: ID!) {\n    checkInAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.CheckInAppointmentDocument,
    "\n  mutation CompleteAppointment($id: ID!) {\n    completeAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.CompleteAppointmentDocument,
    "\n  mutation MarkNoShow($id: ID!) {\n    markNoShow(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.MarkNoShowDocument,
    "\n  mutation CancelAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.CancelAppointmentDocument,
    "\n  query DoctorCalendar($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    doctor(id: $doctorId) {\n      id\n      timezone\n      availability {\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff(from: $from, to: $to) {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n    }\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n      endsAt\n    }\n  }\n": types.DoctorCalendarDocument,
    "\n  query BookingRequests($from: DateTime!) {\n    appointments(filter: { status: [REQUESTED], from: $from }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n    }\n  }\n": types.BookingRequestsDocument,
    "\n  query BookingRequestCount($from: DateTime!) {\n    appointments(filter: { status: [REQUESTED], from: $from }, first: 1) {\n      totalCount\n    }\n  }\n": types.BookingRequestCountDocument,
    "\n  query TodayWorklist($from: DateTime!, $to: DateTime!) {\n    appointments(\n      filter: { from: $from, to: $to, status: [REQUESTED, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW] }\n      first: 50\n    ) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n          patient {\n            id\n            dateOfBirth\n            allergies\n          }\n          medicalRecords {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.TodayWorklistDocument,
    "\n  mutation RescheduleScheduleAppointment($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.RescheduleScheduleAppointmentDocument,
    "\n  mutation HoldSlot($doctorId: ID!, $startsAt: DateTime!) {\n    holdSlot(doctorId: $doctorId, startsAt: $startsAt) {\n      id\n      doctorId\n      startsAt\n      expiresAt\n    }\n  }\n": types.HoldSlotDocument,
    "\n  mutation ReleaseSlotHold($id: ID!) {\n    releaseSlotHold(id: $id)\n  }\n": types.ReleaseSlotHoldDocument,
    "\n  fragment WaitlistEntryFields on WaitlistEntry {\n    id\n    status\n    from\n    to\n    specialization\n    createdAt\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n    offer {\n      id\n      startsAt\n      endsAt\n      expiresAt\n    }\n  }\n": types.WaitlistEntryFieldsFragmentDoc,
    "\n  query MyWaitlist {\n    myWaitlist {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n": types.MyWaitlistDocument,
    "\n  mutation JoinWaitlist($input: JoinWaitlistInput!) {\n    joinWaitlist(input: $input) {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n": types.JoinWaitlistDocument,
    "\n  mutation AcceptWaitlistOffer($id: ID!) {\n    acceptWaitlistOffer(id: $id) {\n      id\n      startsAt\n      status\n    }\n  }\n": types.AcceptWaitlistOfferDocument,
    "\n  mutation LeaveWaitlist($id: ID!) {\n    leaveWaitlist(id: $id) {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n": types.LeaveWaitlistDocument,
    "\n  query DoctorWaitlist($doctorId: ID!) {\n    doctorWaitlist(doctorId: $doctorId) {\n      id\n      status\n      patientName\n      specialization\n      from\n      to\n      createdAt\n      offer {\n        id\n        startsAt\n        expiresAt\n      }\n    }\n  }\n": types.DoctorWaitlistDocument,
    "\n  query AdminWebhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      failingSince\n      disabledAt\n    }\n  }\n": types.AdminWebhooksDocument,
    "\n  query WebhookDeliveries($webhookId: ID!, $first: Int = 20, $after: String) {\n    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventId\n          eventKind\n          attempt\n          succeeded\n          statusCode\n          durationMs\n          errorClass\n          attemptedAt\n          nextAttemptAt\n        }\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        url\n      }\n    }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": types.DeleteWebhookDocument,
    "\n  mutation ReactivateWebhook($id: ID!) {\n    reactivateWebhook(id: $id) {\n      id\n      active\n      failingSince\n      disabledAt\n    }\n  }\n": types.ReactivateWebhookDocument,
    "\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      messageId\n      succeeded\n      statusCode\n      durationMs\n      errorClass\n    }\n  }\n": types.TestWebhookDocument,
    "\n  fragment AttachmentFile on Attachment {\n    id\n    fileName\n    contentType\n    sizeBytes\n    downloadUrl\n  }\n": types.AttachmentFileFragmentDoc,
    "\n  query AttachmentLink($id: ID!) {\n    attachment(id: $id) {\n      id\n      downloadUrl\n    }\n  }\n": types.AttachmentLinkDocument,
    "\n  mutation CreateAttachmentUpload($input: CreateAttachmentUploadInput!) {\n    createAttachmentUpload(input: $input) {\n      uploadUrl\n      attachment {\n        id\n        status\n      }\n    }\n  }\n": types.CreateAttachmentUploadDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTotpEnrollment {\n    startTotpEnrollment {\n      secret\n      otpauthUri\n    }\n  }\n"): (typeof documents)["\n  mutation StartTotpEnrollment {\n    startTotpEnrollment {\n      secret\n      otpauthUri\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code)\n  }\n"): (typeof documents)["\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTotp($code: String!) {\n    disableTotp(code: $code)\n  }\n"): (typeof documents)["\n  mutation DisableTotp($code: String!) {\n    disableTotp(code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      userAgent\n      current\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastUsedAt\n      userAgent\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n"): (typeof documents)["\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminDoctors($search: String, $first: Int = 100) {\n    doctors(search: $search, first: $first, includeInactive: true) {\n      edges {\n        node {\n          id\n          active\n          firstName\n          lastName\n          specialization\n          licenseNumber\n          timezone\n          consultationFee\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminDoctors($search: String, $first: Int = 100) {\n    doctors(search: $search, first: $first, includeInactive: true) {\n      edges {\n        node {\n          id\n          active\n          firstName\n          lastName\n          specialization\n          licenseNumber\n          timezone\n          consultationFee\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateDoctor($input: CreateDoctorInput!) {\n    createDoctor(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateDoctor($input: CreateDoctorInput!) {\n    createDoctor(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminDoctor($id: ID!) {\n    doctor(id: $id) {\n      id\n      userId\n      active\n      firstName\n      lastName\n      specialization\n      licenseNumber\n      timezone\n      consultationFee\n      bio\n      qualifications\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminDoctor($id: ID!) {\n    doctor(id: $id) {\n      id\n      userId\n      active\n      firstName\n      lastName\n      specialization\n      licenseNumber\n      timezone\n      consultationFee\n      bio\n      qualifications\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetAvailability($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) {\n    setDoctorAvailability(doctorId: $doctorId, rules: $rules) {\n      id\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminSetAvailability($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) {\n    setDoctorAvailability(doctorId: $doctorId, rules: $rules) {\n      id\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminAddTimeOff($doctorId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String) {\n    addTimeOff(doctorId: $doctorId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) {\n      id\n      startsAt\n      endsAt\n      reason\n    }\n  }\n"): (typeof documents)["\n  mutation AdminAddTimeOff($doctorId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String) {\n    addTimeOff(doctorId: $doctorId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) {\n      id\n      startsAt\n      endsAt\n      reason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRemoveTimeOff($id: ID!) {\n    removeTimeOff(id: $id)\n  }\n"): (typeof documents)["\n  mutation AdminRemoveTimeOff($id: ID!) {\n    removeTimeOff(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPatients($search: String, $first: Int = 25, $after: String) {\n    patients(search: $search, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          dateOfBirth\n          active\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminPatients($search: String, $first: Int = 25, $after: String) {\n    patients(search: $search, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          dateOfBirth\n          active\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPatient($id: ID!) {\n    patient(id: $id) {\n      id\n      userId\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n"): (typeof documents)["\n  query AdminPatient($id: ID!) {\n    patient(id: $id) {\n      id\n      userId\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation AdminUpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation AdminDeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAppointments($filter: AppointmentFilter, $first: Int = 25, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          startsAt\n          ...AppointmentStatusBadge\n          ...FrontDeskAppointment\n          patient {\n            id\n            firstName\n            lastName\n          }\n          doctor {\n            id\n            ...DoctorName\n            timezone\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAppointments($filter: AppointmentFilter, $first: Int = 25, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          startsAt\n          ...AppointmentStatusBadge\n          ...FrontDeskAppointment\n          patient {\n            id\n            firstName\n            lastName\n          }\n          doctor {\n            id\n            ...DoctorName\n            timezone\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAnalytics($from: DateTime!, $to: DateTime!, $timezone: String) {\n    analytics(from: $from, to: $to, timezone: $timezone) {\n      totalAppointments\n      noShowRate\n      cancellationRate\n      appointmentsPerDay {\n        date\n        total\n        completed\n        cancelled\n        noShow\n      }\n      utilisation {\n        doctor {\n          id\n          firstName\n          lastName\n        }\n        availableHours\n        bookedHours\n        utilisation\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAnalytics($from: DateTime!, $to: DateTime!, $timezone: String) {\n    analytics(from: $from, to: $to, timezone: $timezone) {\n      totalAppointments\n      noShowRate\n      cancellationRate\n      appointmentsPerDay {\n        date\n        total\n        completed\n        cancelled\n        noShow\n      }\n      utilisation {\n        doctor {\n          id\n          firstName\n          lastName\n        }\n        availableHours\n        bookedHours\n        utilisation\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditEvents(\n    $name: String\n    $patientId: ID\n    $actorId: ID\n    $from: DateTime\n    $to: DateTime\n    $first: Int = 50\n    $after: String\n  ) {\n    auditEvents(\n      name: $name\n      patientId: $patientId\n      actorId: $actorId\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          at\n          actorId\n          actorName\n          actorRole\n          action\n          entityType\n          entityId\n          patientId\n          reason\n          emergency\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAuditEvents(\n    $name: String\n    $patientId: ID\n    $actorId: ID\n    $from: DateTime\n    $to: DateTime\n    $first: Int = 50\n    $after: String\n  ) {\n    auditEvents(\n      name: $name\n      patientId: $patientId\n      actorId: $actorId\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      edges {\n        node {\n          id\n          at\n          actorId\n          actorName\n          actorRole\n          action\n          entityType\n          entityId\n          patientId\n          reason\n          emergency\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AffectedAppointments($input: ScheduleChangeInput!) {\n    affectedAppointments(input: $input) {\n      id\n      startsAt\n      endsAt\n      status\n      patient {\n        id\n        firstName\n        lastName\n      }\n      doctor {\n        id\n        specialization\n      }\n    }\n  }\n"): (typeof documents)["\n  query AffectedAppointments($input: ScheduleChangeInput!) {\n    affectedAppointments(input: $input) {\n      id\n      startsAt\n      endsAt\n      status\n      patient {\n        id\n        firstName\n        lastName\n      }\n      doctor {\n        id\n        specialization\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveAffectedAppointments($resolutions: [AffectedAppointmentResolutionInput!]!) {\n    resolveAffectedAppointments(resolutions: $resolutions) {\n      id\n      status\n      startsAt\n      cancellationReason\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveAffectedAppointments($resolutions: [AffectedAppointmentResolutionInput!]!) {\n    resolveAffectedAppointments(resolutions: $resolutions) {\n      id\n      status\n      startsAt\n      cancellationReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MoveTargets($specialization: String) {\n    doctors(specialization: $specialization, first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MoveTargets($specialization: String) {\n    doctors(specialization: $specialization, first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MoveSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n    }\n  }\n"): (typeof documents)["\n  query MoveSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation AdminReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Specializations {\n    specializations {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query Specializations {\n    specializations {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSpecialization($name: String!) {\n    createSpecialization(name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSpecialization($name: String!) {\n    createSpecialization(name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AppointmentStatusBadge on Appointment {\n    status\n  }\n"): (typeof documents)["\n  fragment AppointmentStatusBadge on Appointment {\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionUser on User {\n    id\n    email\n    role\n    mfaEnabled\n    mfaEnrollmentRequired\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n  }\n"): (typeof documents)["\n  fragment SessionUser on User {\n    id\n    email\n    role\n    mfaEnabled\n    mfaEnrollmentRequired\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      ...SessionUser\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      ...SessionUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteMfaLogin($challenge: String!, $code: String!) {\n    completeMfaLogin(challenge: $challenge, code: $code) {\n      accessToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteMfaLogin($challenge: String!, $code: String!) {\n    completeMfaLogin(challenge: $challenge, code: $code) {\n      accessToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    status\n    issuedAt\n    dueDate\n    voidReason\n    patientId\n    total {\n      amount\n      currency\n    }\n    balance {\n      amount\n      currency\n    }\n    lines {\n      description\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      total {\n        amount\n        currency\n      }\n    }\n    payments {\n      id\n      method\n      reference\n      paidAt\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    status\n    issuedAt\n    dueDate\n    voidReason\n    patientId\n    total {\n      amount\n      currency\n    }\n    balance {\n      amount\n      currency\n    }\n    lines {\n      description\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      total {\n        amount\n        currency\n      }\n    }\n    payments {\n      id\n      method\n      reference\n      paidAt\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminInvoices($status: [InvoiceStatus!], $first: Int = 20, $after: String) {\n    invoices(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...InvoiceFields\n          patient {\n            id\n            firstName\n            lastName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminInvoices($status: [InvoiceStatus!], $first: Int = 20, $after: String) {\n    invoices(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...InvoiceFields\n          patient {\n            id\n            firstName\n            lastName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyInvoices($first: Int = 30) {\n    invoices(first: $first) {\n      edges {\n        node {\n          ...InvoiceFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyInvoices($first: Int = 30) {\n    invoices(first: $first) {\n      edges {\n        node {\n          ...InvoiceFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueInvoice($id: ID!) {\n    issueInvoice(id: $id) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation IssueInvoice($id: ID!) {\n    issueInvoice(id: $id) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPayment($invoiceId: ID!, $input: RecordPaymentInput!) {\n    recordPayment(invoiceId: $invoiceId, input: $input) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation RecordPayment($invoiceId: ID!, $input: RecordPaymentInput!) {\n    recordPayment(invoiceId: $invoiceId, input: $input) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsurancePolicies($patientId: ID) {\n    insurancePolicies(patientId: $patientId) {\n      id\n      provider\n      policyNumber\n      memberId\n      validFrom\n      validTo\n    }\n  }\n"): (typeof documents)["\n  query InsurancePolicies($patientId: ID) {\n    insurancePolicies(patientId: $patientId) {\n      id\n      provider\n      policyNumber\n      memberId\n      validFrom\n      validTo\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddInsurancePolicy($input: AddInsurancePolicyInput!) {\n    addInsurancePolicy(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddInsurancePolicy($input: AddInsurancePolicyInput!) {\n    addInsurancePolicy(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitClaim($invoiceId: ID!, $policyId: ID!) {\n    submitClaim(invoiceId: $invoiceId, policyId: $policyId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitClaim($invoiceId: ID!, $policyId: ID!) {\n    submitClaim(invoiceId: $invoiceId, policyId: $policyId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Claims($status: [ClaimStatus!], $first: Int = 40, $after: String) {\n    claims(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          submittedAt\n          decidedAt\n          note\n          amountClaimed {\n            amount\n            currency\n          }\n          amountApproved {\n            amount\n            currency\n          }\n          policy {\n            id\n            provider\n            policyNumber\n          }\n          invoice {\n            id\n            number\n          }\n        }\n      }\n    }\n    claimTotals(status: $status) {\n      currency\n      count\n      claimed {\n        amount\n      }\n      approved {\n        amount\n      }\n    }\n  }\n"): (typeof documents)["\n  query Claims($status: [ClaimStatus!], $first: Int = 40, $after: String) {\n    claims(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          status\n          submittedAt\n          decidedAt\n          note\n          amountClaimed {\n            amount\n            currency\n          }\n          amountApproved {\n            amount\n            currency\n          }\n          policy {\n            id\n            provider\n            policyNumber\n          }\n          invoice {\n            id\n            number\n          }\n        }\n      }\n    }\n    claimTotals(status: $status) {\n      currency\n      count\n      claimed {\n        amount\n      }\n      approved {\n        amount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideClaim($id: ID!, $input: DecideClaimInput!) {\n    decideClaim(id: $id, input: $input) {\n      id\n      status\n      amountApproved {\n        amount\n      }\n      note\n    }\n  }\n"): (typeof documents)["\n  mutation DecideClaim($id: ID!, $input: DecideClaimInput!) {\n    decideClaim(id: $id, input: $input) {\n      id\n      status\n      amountApproved {\n        amount\n      }\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Receivables {\n    receivables {\n      currency\n      outstanding {\n        amount\n      }\n      buckets {\n        label\n        invoices\n        outstanding {\n          amount\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Receivables {\n    receivables {\n      currency\n      outstanding {\n        amount\n      }\n      buckets {\n        label\n        invoices\n        outstanding {\n          amount\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatientAppointmentFields on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    reason\n    cancellationReason\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n"): (typeof documents)["\n  fragment PatientAppointmentFields on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    reason\n    cancellationReason\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAppointments($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 55) {\n      edges {\n        node {\n          id\n          ...PatientAppointmentFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyAppointments($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 55) {\n      edges {\n        node {\n          id\n          ...PatientAppointmentFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyAppointmentUpdated($patientId: ID, $after: String) {\n    appointmentUpdated(patientId: $patientId, after: $after) {\n      id\n      cursor\n      kind\n      at\n      appointment {\n        id\n        ...PatientAppointmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MyAppointmentUpdated($patientId: ID, $after: String) {\n    appointmentUpdated(patientId: $patientId, after: $after) {\n      id\n      cursor\n      kind\n      at\n      appointment {\n        id\n        ...PatientAppointmentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelMyAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n"): (typeof documents)["\n  mutation CancelMyAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RescheduleMyAppointment($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n"): (typeof documents)["\n  mutation RescheduleMyAppointment($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookingDoctors {\n    doctors(first: 95) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          timezone\n          consultationFee\n          nextAvailableSlot {\n            startsAt\n            endsAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BookingDoctors {\n    doctors(first: 95) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          timezone\n          consultationFee\n          nextAvailableSlot {\n            startsAt\n            endsAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AvailableSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n      endsAt\n    }\n  }\n"): (typeof documents)["\n  query AvailableSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n      endsAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n"): (typeof documents)["\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FirstAvailableSlots($specialization: String!) {\n    firstAvailableSlots(specialization: $specialization, limit: 8) {\n      startsAt\n      doctor {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query FirstAvailableSlots($specialization: String!) {\n    firstAvailableSlots(specialization: $specialization, limit: 8) {\n      startsAt\n      doctor {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientChart($id: ID!, $after: String) {\n    patient(id: $id) {\n      id\n      ...PatientSummary\n      allergies\n      chronicConditions\n      currentMedications\n      surgeries {\n        procedure\n        date\n      }\n      familyHistory {\n        relation\n        condition\n      }\n      emergencyContacts {\n        name\n        relationship\n        phone\n      }\n      # \"Current medications\": the newest prescriptions, whatever the timeline's page shows.\n      prescriptions(first: 15) {\n        edges {\n          node {\n            id\n            status\n            items {\n              medication\n              dosage\n              frequency\n            }\n            doctor {\n              id\n              firstName\n              lastName\n            }\n          }\n        }\n      }\n      timeline(first: 10, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            at\n            appointment {\n              id\n              startsAt\n              status\n              reason\n              ...AppointmentStatusBadge\n              doctor {\n                id\n                firstName\n                lastName\n              }\n            }\n            prescription {\n              id\n              notes\n              ...PrescriptionStatusBadge\n              doctor {\n                id\n                firstName\n                lastName\n              }\n              appointment {\n                id\n                doctor {\n                  id\n                  firstName\n                  lastName\n                }\n              }\n              status\n              items {\n                medication\n                dosage\n                frequency\n                ...PrescriptionItemLine\n              }\n            }\n            admission {\n              id\n              admittedAt\n              dischargedAt\n              reason\n              bed {\n                ward\n                label\n                department {\n                  name\n                }\n              }\n            }\n            medicalRecord {\n              id\n              ...RecordTypeBadge\n              type\n              version\n              doctor {\n                id\n                firstName\n                lastName\n              }\n              appointment {\n                id\n                doctor {\n                  id\n                  firstName\n                  lastName\n                }\n              }\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              symptoms\n              vitals {\n                ...VitalsSummary\n              }\n              notes\n              followUpDate\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientChart($id: ID!, $after: String) {\n    patient(id: $id) {\n      id\n      ...PatientSummary\n      allergies\n      chronicConditions\n      currentMedications\n      surgeries {\n        procedure\n        date\n      }\n      familyHistory {\n        relation\n        condition\n      }\n      emergencyContacts {\n        name\n        relationship\n        phone\n      }\n      # \"Current medications\": the newest prescriptions, whatever the timeline's page shows.\n      prescriptions(first: 15) {\n        edges {\n          node {\n            id\n            status\n            items {\n              medication\n              dosage\n              frequency\n            }\n            doctor {\n              id\n              firstName\n              lastName\n            }\n          }\n        }\n      }\n      timeline(first: 10, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            at\n            appointment {\n              id\n              startsAt\n              status\n              reason\n              ...AppointmentStatusBadge\n              doctor {\n                id\n                firstName\n                lastName\n              }\n            }\n            prescription {\n              id\n              notes\n              ...PrescriptionStatusBadge\n              doctor {\n                id\n                firstName\n                lastName\n              }\n              appointment {\n                id\n                doctor {\n                  id\n                  firstName\n                  lastName\n                }\n              }\n              status\n              items {\n                medication\n                dosage\n                frequency\n                ...PrescriptionItemLine\n              }\n            }\n            admission {\n              id\n              admittedAt\n              dischargedAt\n              reason\n              bed {\n                ward\n                label\n                department {\n                  name\n                }\n              }\n            }\n            medicalRecord {\n              id\n              ...RecordTypeBadge\n              type\n              version\n              doctor {\n                id\n                firstName\n                lastName\n              }\n              appointment {\n                id\n                doctor {\n                  id\n                  firstName\n                  lastName\n                }\n              }\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              symptoms\n              vitals {\n                ...VitalsSummary\n              }\n              notes\n              followUpDate\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEmergencyAccess($patientId: ID!, $reason: String!) {\n    requestEmergencyAccess(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation RequestEmergencyAccess($patientId: ID!, $reason: String!) {\n    requestEmergencyAccess(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMedicalRecord($input: CreateMedicalRecordInput!) {\n    createMedicalRecord(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMedicalRecord($input: CreateMedicalRecordInput!) {\n    createMedicalRecord(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssuePrescription($input: IssuePrescriptionInput!) {\n    issuePrescription(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation IssuePrescription($input: IssuePrescriptionInput!) {\n    issuePrescription(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPatients($search: String) {\n    patients(search: $search, first: 20) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          dateOfBirth\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPatients($search: String) {\n    patients(search: $search, first: 20) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          dateOfBirth\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientLookup($search: String!) {\n    patientLookup(search: $search) {\n      patientId\n      firstName\n      lastName\n      dateOfBirth\n      access\n    }\n  }\n"): (typeof documents)["\n  query PatientLookup($search: String!) {\n    patientLookup(search: $search) {\n      patientId\n      firstName\n      lastName\n      dateOfBirth\n      access\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DiscontinuePrescription($id: ID!, $reason: String!) {\n    discontinuePrescription(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DiscontinuePrescription($id: ID!, $reason: String!) {\n    discontinuePrescription(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AmendRecordNotes($id: ID!, $notes: String, $reason: String!) {\n    amendMedicalRecord(id: $id, input: { notes: $notes }, reason: $reason) {\n      id\n      version\n      notes\n    }\n  }\n"): (typeof documents)["\n  mutation AmendRecordNotes($id: ID!, $notes: String, $reason: String!) {\n    amendMedicalRecord(id: $id, input: { notes: $notes }, reason: $reason) {\n      id\n      version\n      notes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DoctorName on Doctor {\n    firstName\n    lastName\n  }\n"): (typeof documents)["\n  fragment DoctorName on Doctor {\n    firstName\n    lastName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FrontDeskAppointment on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    type\n    cancellationReason\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n"): (typeof documents)["\n  fragment FrontDeskAppointment on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    type\n    cancellationReason\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FrontDeskPatientAppointments($patientId: ID!) {\n    appointments(filter: { patientId: $patientId }, first: 40) {\n      totalCount\n      edges {\n        node {\n          id\n          ...FrontDeskAppointment\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FrontDeskPatientAppointments($patientId: ID!) {\n    appointments(filter: { patientId: $patientId }, first: 40) {\n      totalCount\n      edges {\n        node {\n          id\n          ...FrontDeskAppointment\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FrontDeskBook($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n"): (typeof documents)["\n  mutation FrontDeskBook($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FrontDeskReschedule($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n"): (typeof documents)["\n  mutation FrontDeskReschedule($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FrontDeskCancel($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n"): (typeof documents)["\n  mutation FrontDeskCancel($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FrontDeskConfirm($id: ID!) {\n    confirmAppointment(id: $id) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n"): (typeof documents)["\n  mutation FrontDeskConfirm($id: ID!) {\n    confirmAppointment(id: $id) {\n      id\n      ...FrontDeskAppointment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LabResultRow on LabResult {\n    code\n    name\n    value\n    unit\n    referenceLow\n    referenceHigh\n    interpretation\n    resultedAt\n    version\n  }\n"): (typeof documents)["\n  fragment LabResultRow on LabResult {\n    code\n    name\n    value\n    unit\n    referenceLow\n    referenceHigh\n    interpretation\n    resultedAt\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LabOrderCard on LabOrder {\n    id\n    status\n    orderedAt\n    collectedAt\n    resultedAt\n    cancelledAt\n    cancelReason\n    notes\n    tests {\n      code\n      name\n    }\n    results {\n      ...LabResultRow\n    }\n    attachments {\n      id\n      ...AttachmentFile\n    }\n    doctor {\n      id\n      ...DoctorName\n    }\n  }\n"): (typeof documents)["\n  fragment LabOrderCard on LabOrder {\n    id\n    status\n    orderedAt\n    collectedAt\n    resultedAt\n    cancelledAt\n    cancelReason\n    notes\n    tests {\n      code\n      name\n    }\n    results {\n      ...LabResultRow\n    }\n    attachments {\n      id\n      ...AttachmentFile\n    }\n    doctor {\n      id\n      ...DoctorName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LabCatalogue {\n    labCatalogue {\n      code\n      name\n      isPanel\n      members\n      unit\n      referenceLow\n      referenceHigh\n      normalValues\n    }\n  }\n"): (typeof documents)["\n  query LabCatalogue {\n    labCatalogue {\n      code\n      name\n      isPanel\n      members\n      unit\n      referenceLow\n      referenceHigh\n      normalValues\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientLabOrders($patientId: ID!, $after: String) {\n    patient(id: $patientId) {\n      id\n      labOrders(first: 5, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            ...LabOrderCard\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientLabOrders($patientId: ID!, $after: String) {\n    patient(id: $patientId) {\n      id\n      labOrders(first: 5, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            ...LabOrderCard\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyLabOrders {\n    me {\n      id\n      patient {\n        id\n        labOrders(first: 30) {\n          edges {\n            node {\n              id\n              ...LabOrderCard\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyLabOrders {\n    me {\n      id\n      patient {\n        id\n        labOrders(first: 30) {\n          edges {\n            node {\n              id\n              ...LabOrderCard\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrderLabTests($input: OrderLabTestsInput!) {\n    orderLabTests(input: $input) {\n      id\n      ...LabOrderCard\n    }\n  }\n"): (typeof documents)["\n  mutation OrderLabTests($input: OrderLabTestsInput!) {\n    orderLabTests(input: $input) {\n      id\n      ...LabOrderCard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordLabResults($orderId: ID!, $results: [LabResultInput!]!) {\n    recordLabResults(orderId: $orderId, results: $results) {\n      id\n      ...LabOrderCard\n    }\n  }\n"): (typeof documents)["\n  mutation RecordLabResults($orderId: ID!, $results: [LabResultInput!]!) {\n    recordLabResults(orderId: $orderId, results: $results) {\n      id\n      ...LabOrderCard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkLabSpecimenCollected($orderId: ID!) {\n    markLabSpecimenCollected(orderId: $orderId) {\n      id\n      ...LabOrderCard\n    }\n  }\n"): (typeof documents)["\n  mutation MarkLabSpecimenCollected($orderId: ID!) {\n    markLabSpecimenCollected(orderId: $orderId) {\n      id\n      ...LabOrderCard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelLabOrder($orderId: ID!, $reason: String!) {\n    cancelLabOrder(orderId: $orderId, reason: $reason) {\n      id\n      ...LabOrderCard\n    }\n  }\n"): (typeof documents)["\n  mutation CancelLabOrder($orderId: ID!, $reason: String!) {\n    cancelLabOrder(orderId: $orderId, reason: $reason) {\n      id\n      ...LabOrderCard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ThreadSummary on MessageThread {\n    id\n    subject\n    lastMessageAt\n    unreadCount\n    readOnly\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      specialization\n    }\n  }\n"): (typeof documents)["\n  fragment ThreadSummary on MessageThread {\n    id\n    subject\n    lastMessageAt\n    unreadCount\n    readOnly\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      specialization\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageThreads($after: String) {\n    messageThreads(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          ...ThreadSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageThreads($after: String) {\n    messageThreads(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          ...ThreadSummary\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageFields on Message {\n    id\n    body\n    sentAt\n    readAt\n    mine\n    attachments {\n      id\n      ...AttachmentFile\n    }\n  }\n"): (typeof documents)["\n  fragment MessageFields on Message {\n    id\n    body\n    sentAt\n    readAt\n    mine\n    attachments {\n      id\n      ...AttachmentFile\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageThread($id: ID!) {\n    messageThread(id: $id) {\n      id\n      ...ThreadSummary\n      messages(first: 65) {\n        edges {\n          node {\n            id\n            ...MessageFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageThread($id: ID!) {\n    messageThread(id: $id) {\n      id\n      ...ThreadSummary\n      messages(first: 65) {\n        edges {\n          node {\n            id\n            ...MessageFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadMessageCount {\n    unreadMessageCount\n  }\n"): (typeof documents)["\n  query UnreadMessageCount {\n    unreadMessageCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageReceived {\n    messageReceived {\n      id\n      thread {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MessageReceived {\n    messageReceived {\n      id\n      thread {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($threadId: ID!, $body: String!, $attachmentIds: [ID!]) {\n    sendMessage(threadId: $threadId, body: $body, attachmentIds: $attachmentIds) {\n      id\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($threadId: ID!, $body: String!, $attachmentIds: [ID!]) {\n    sendMessage(threadId: $threadId, body: $body, attachmentIds: $attachmentIds) {\n      id\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartThread($input: StartThreadInput!) {\n    startThread(input: $input) {\n      id\n      ...ThreadSummary\n    }\n  }\n"): (typeof documents)["\n  mutation StartThread($input: StartThreadInput!) {\n    startThread(input: $input) {\n      id\n      ...ThreadSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkThreadRead($threadId: ID!) {\n    markThreadRead(threadId: $threadId) {\n      id\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkThreadRead($threadId: ID!) {\n    markThreadRead(threadId: $threadId) {\n      id\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CareTeam {\n    careTeam {\n      id\n      firstName\n      lastName\n      specialization\n    }\n  }\n"): (typeof documents)["\n  query CareTeam {\n    careTeam {\n      id\n      firstName\n      lastName\n      specialization\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPrescriptions {\n    me {\n      id\n      patient {\n        id\n        prescriptions(first: 50) {\n          edges {\n            node {\n              id\n              status\n              ...PrescriptionStatusBadge\n              issuedAt\n              notes\n              items {\n                ...PrescriptionItemLine\n              }\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPrescriptions {\n    me {\n      id\n      patient {\n        id\n        prescriptions(first: 50) {\n          edges {\n            node {\n              id\n              status\n              ...PrescriptionStatusBadge\n              issuedAt\n              notes\n              items {\n                ...PrescriptionItemLine\n              }\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyRecords {\n    me {\n      id\n      patient {\n        id\n        timeline(first: 20) {\n          edges {\n            node {\n              id\n              kind\n              at\n              appointment {\n                id\n                ...AppointmentStatusBadge\n                doctor {\n                  id\n                  ...DoctorName\n                  specialization\n                }\n              }\n              prescription {\n                id\n                ...PrescriptionStatusBadge\n                items {\n                  medication\n                }\n              }\n              medicalRecord {\n                id\n              }\n            }\n          }\n        }\n        medicalRecords(first: 20) {\n          edges {\n            node {\n              id\n              recordedAt\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              vitals {\n                systolic\n                diastolic\n                heartRate\n                temperatureC\n                weightKg\n                ...VitalsSummary\n              }\n              notes\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyRecords {\n    me {\n      id\n      patient {\n        id\n        timeline(first: 20) {\n          edges {\n            node {\n              id\n              kind\n              at\n              appointment {\n                id\n                ...AppointmentStatusBadge\n                doctor {\n                  id\n                  ...DoctorName\n                  specialization\n                }\n              }\n              prescription {\n                id\n                ...PrescriptionStatusBadge\n                items {\n                  medication\n                }\n              }\n              medicalRecord {\n                id\n              }\n            }\n          }\n        }\n        medicalRecords(first: 20) {\n          edges {\n            node {\n              id\n              recordedAt\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              vitals {\n                systolic\n                diastolic\n                heartRate\n                temperatureC\n                weightKg\n                ...VitalsSummary\n              }\n              notes\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MyProfileFields on Patient {\n    id\n    firstName\n    lastName\n    email\n    phone\n    address\n    dateOfBirth\n    gender\n    allergies\n    chronicConditions\n    currentMedications\n    emergencyContacts {\n      name\n      phone\n      relationship\n    }\n  }\n"): (typeof documents)["\n  fragment MyProfileFields on Patient {\n    id\n    firstName\n    lastName\n    email\n    phone\n    address\n    dateOfBirth\n    gender\n    allergies\n    chronicConditions\n    currentMedications\n    emergencyContacts {\n      name\n      phone\n      relationship\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProfile {\n    me {\n      id\n      patient {\n        id\n        ...MyProfileFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyProfile {\n    me {\n      id\n      patient {\n        id\n        ...MyProfileFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMyProfile($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      ...MyProfileFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMyProfile($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      ...MyProfileFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAccessLog {\n    myAccessLog(first: 50) {\n      edges {\n        node {\n          id\n          at\n          actorName\n          actorRole\n          action\n          entityType\n          entityDate\n          emergency\n          reason\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyAccessLog {\n    myAccessLog(first: 50) {\n      edges {\n        node {\n          id\n          at\n          actorName\n          actorRole\n          action\n          entityType\n          entityDate\n          emergency\n          reason\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationBell {\n    unreadNotificationCount\n    notifications(first: 10) {\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationBell {\n    unreadNotificationCount\n    notifications(first: 10) {\n      edges {\n        node {\n          id\n          kind\n          title\n          body\n          createdAt\n          readAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationLive {\n    notificationReceived {\n      id\n      kind\n      title\n      body\n      createdAt\n      readAt\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationLive {\n    notificationReceived {\n      id\n      kind\n      title\n      body\n      createdAt\n      readAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      readAt\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationRead($id: ID!) {\n    markNotificationRead(id: $id) {\n      id\n      readAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"): (typeof documents)["\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Hospitals {\n    hospitals {\n      id\n      name\n      code\n      address\n      timezone\n      currency\n      departments {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Hospitals {\n    hospitals {\n      id\n      name\n      code\n      address\n      timezone\n      currency\n      departments {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HospitalBeds($hospitalId: ID!) {\n    hospitals {\n      id\n      departments {\n        id\n        name\n        beds {\n          id\n          ward\n          label\n          status\n          admission {\n            id\n            admittedAt\n            patient {\n              id\n              firstName\n              lastName\n            }\n          }\n        }\n      }\n    }\n    bedAvailability(hospitalId: $hospitalId) {\n      department {\n        id\n      }\n      total\n      available\n      occupied\n    }\n  }\n"): (typeof documents)["\n  query HospitalBeds($hospitalId: ID!) {\n    hospitals {\n      id\n      departments {\n        id\n        name\n        beds {\n          id\n          ward\n          label\n          status\n          admission {\n            id\n            admittedAt\n            patient {\n              id\n              firstName\n              lastName\n            }\n          }\n        }\n      }\n    }\n    bedAvailability(hospitalId: $hospitalId) {\n      department {\n        id\n      }\n      total\n      available\n      occupied\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BedAvailabilityChanged($hospitalId: ID!) {\n    bedAvailabilityChanged(hospitalId: $hospitalId) {\n      department {\n        id\n        name\n      }\n      total\n      available\n      occupied\n    }\n  }\n"): (typeof documents)["\n  subscription BedAvailabilityChanged($hospitalId: ID!) {\n    bedAvailabilityChanged(hospitalId: $hospitalId) {\n      department {\n        id\n        name\n      }\n      total\n      available\n      occupied\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateHospital($input: CreateHospitalInput!) {\n    createHospital(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateHospital($input: CreateHospitalInput!) {\n    createHospital(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDepartment($input: CreateDepartmentInput!) {\n    createDepartment(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDepartment($input: CreateDepartmentInput!) {\n    createDepartment(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBed($input: CreateBedInput!) {\n    createBed(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBed($input: CreateBedInput!) {\n    createBed(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBedStatus($id: ID!, $status: BedStatus!) {\n    setBedStatus(id: $id, status: $status) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SetBedStatus($id: ID!, $status: BedStatus!) {\n    setBedStatus(id: $id, status: $status) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdmitPatient($input: AdmitPatientInput!) {\n    admitPatient(input: $input) {\n      id\n      bed {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdmitPatient($input: AdmitPatientInput!) {\n    admitPatient(input: $input) {\n      id\n      bed {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DischargePatient($admissionId: ID!) {\n    dischargePatient(admissionId: $admissionId) {\n      id\n      dischargedAt\n      bed {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DischargePatient($admissionId: ID!) {\n    dischargePatient(admissionId: $admissionId) {\n      id\n      dischargedAt\n      bed {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdmissionPatientSearch($search: String) {\n    patients(search: $search, first: 10) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          dateOfBirth\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdmissionPatientSearch($search: String) {\n    patients(search: $search, first: 10) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          dateOfBirth\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminApiClients {\n    apiClients(first: 70) {\n      edges {\n        node {\n          id\n          name\n          scopes\n          active\n          createdAt\n          secretIssuedAt\n          previousSecretValidUntil\n          revokedAt\n          consentCount\n          webhooks {\n            id\n            url\n            active\n            disabledAt\n          }\n        }\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n"): (typeof documents)["\n  query AdminApiClients {\n    apiClients(first: 70) {\n      edges {\n        node {\n          id\n          name\n          scopes\n          active\n          createdAt\n          secretIssuedAt\n          previousSecretValidUntil\n          revokedAt\n          consentCount\n          webhooks {\n            id\n            url\n            active\n            disabledAt\n          }\n        }\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      clientSecret\n      client {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      clientSecret\n      client {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateApiClientSecret($id: ID!, $graceSeconds: Int) {\n    rotateApiClientSecret(id: $id, graceSeconds: $graceSeconds) {\n      clientSecret\n      client {\n        id\n        name\n        secretIssuedAt\n        previousSecretValidUntil\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateApiClientSecret($id: ID!, $graceSeconds: Int) {\n    rotateApiClientSecret(id: $id, graceSeconds: $graceSeconds) {\n      clientSecret\n      client {\n        id\n        name\n        secretIssuedAt\n        previousSecretValidUntil\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySharing {\n    sharingPartners {\n      id\n      name\n      scopes\n    }\n    myConsents {\n      id\n      purpose\n      active\n      grantedAt\n      revokedAt\n      apiClient {\n        id\n        name\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n"): (typeof documents)["\n  query MySharing {\n    sharingPartners {\n      id\n      name\n      scopes\n    }\n    myConsents {\n      id\n      purpose\n      active\n      grantedAt\n      revokedAt\n      apiClient {\n        id\n        name\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantSharing($apiClientId: ID!) {\n    grantConsent(input: { purpose: DATA_SHARING, apiClientId: $apiClientId }) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation GrantSharing($apiClientId: ID!) {\n    grantConsent(input: { purpose: DATA_SHARING, apiClientId: $apiClientId }) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSharing($id: ID!) {\n    revokeConsent(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSharing($id: ID!) {\n    revokeConsent(id: $id) {\n      id\n      active\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatientSummary on Patient {\n    firstName\n    lastName\n    dateOfBirth\n    gender\n    bloodGroup\n    phone\n  }\n"): (typeof documents)["\n  fragment PatientSummary on Patient {\n    firstName\n    lastName\n    dateOfBirth\n    gender\n    bloodGroup\n    phone\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PrescriptionItemLine on PrescriptionItem {\n    medication\n    dosage\n    frequency\n    durationDays\n    instructions\n  }\n"): (typeof documents)["\n  fragment PrescriptionItemLine on PrescriptionItem {\n    medication\n    dosage\n    frequency\n    durationDays\n    instructions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PrescriptionStatusBadge on Prescription {\n    status\n  }\n"): (typeof documents)["\n  fragment PrescriptionStatusBadge on Prescription {\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DiagnosisLine on Diagnosis {\n    code\n    description\n  }\n"): (typeof documents)["\n  fragment DiagnosisLine on Diagnosis {\n    code\n    description\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecordTypeBadge on MedicalRecord {\n    type\n  }\n"): (typeof documents)["\n  fragment RecordTypeBadge on MedicalRecord {\n    type\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VitalsSummary on Vitals {\n    systolic\n    diastolic\n    heartRate\n    temperatureC\n    respiratoryRate\n    oxygenSaturation\n    weightKg\n    heightCm\n  }\n"): (typeof documents)["\n  fragment VitalsSummary on Vitals {\n    systolic\n    diastolic\n    heartRate\n    temperatureC\n    respiratoryRate\n    oxygenSaturation\n    weightKg\n    heightCm\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScheduleAppointment on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    type\n    reason\n    cancellationReason\n    patient {\n      id\n      firstName\n      lastName\n    }\n  }\n"): (typeof documents)["\n  fragment ScheduleAppointment on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    type\n    reason\n    cancellationReason\n    patient {\n      id\n      firstName\n      lastName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DoctorSchedule($filter: AppointmentFilter, $first: Int = 50, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query DoctorSchedule($filter: AppointmentFilter, $first: Int = 50, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ScheduleAppointmentUpdated($doctorId: ID, $after: String) {\n    appointmentUpdated(doctorId: $doctorId, after: $after) {\n      id\n      cursor\n      kind\n      at\n      appointment {\n        id\n        ...ScheduleAppointment\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ScheduleAppointmentUpdated($doctorId: ID, $after: String) {\n    appointmentUpdated(doctorId: $doctorId, after: $after) {\n      id\n      cursor\n      kind\n      at\n      appointment {\n        id\n        ...ScheduleAppointment\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmAppointment($id: ID!) {\n    confirmAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmAppointment($id: ID!) {\n    confirmAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckInAppointment($id: ID!) {\n    checkInAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"): (typeof documents)["\n  mutation CheckInAppointment($id: ID!) {\n    checkInAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteAppointment($id: ID!) {\n    completeAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteAppointment($id: ID!) {\n    completeAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNoShow($id: ID!) {\n    markNoShow(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNoShow($id: ID!) {\n    markNoShow(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"): (typeof documents)["\n  mutation CancelAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DoctorCalendar($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    doctor(id: $doctorId) {\n      id\n      timezone\n      availability {\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff(from: $from, to: $to) {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n    }\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n      endsAt\n    }\n  }\n"): (typeof documents)["\n  query DoctorCalendar($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    doctor(id: $doctorId) {\n      id\n      timezone\n      availability {\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff(from: $from, to: $to) {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n    }\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n      endsAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookingRequests($from: DateTime!) {\n    appointments(filter: { status: [REQUESTED], from: $from }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BookingRequests($from: DateTime!) {\n    appointments(filter: { status: [REQUESTED], from: $from }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookingRequestCount($from: DateTime!) {\n    appointments(filter: { status: [REQUESTED], from: $from }, first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query BookingRequestCount($from: DateTime!) {\n    appointments(filter: { status: [REQUESTED], from: $from }, first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TodayWorklist($from: DateTime!, $to: DateTime!) {\n    appointments(\n      filter: { from: $from, to: $to, status: [REQUESTED, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW] }\n      first: 50\n    ) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n          patient {\n            id\n            dateOfBirth\n            allergies\n          }\n          medicalRecords {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TodayWorklist($from: DateTime!, $to: DateTime!) {\n    appointments(\n      filter: { from: $from, to: $to, status: [REQUESTED, CONFIRMED, CHECKED_IN, COMPLETED, NO_SHOW] }\n      first: 50\n    ) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n          patient {\n            id\n            dateOfBirth\n            allergies\n          }\n          medicalRecords {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RescheduleScheduleAppointment($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"): (typeof documents)["\n  mutation RescheduleScheduleAppointment($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HoldSlot($doctorId: ID!, $startsAt: DateTime!) {\n    holdSlot(doctorId: $doctorId, startsAt: $startsAt) {\n      id\n      doctorId\n      startsAt\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation HoldSlot($doctorId: ID!, $startsAt: DateTime!) {\n    holdSlot(doctorId: $doctorId, startsAt: $startsAt) {\n      id\n      doctorId\n      startsAt\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseSlotHold($id: ID!) {\n    releaseSlotHold(id: $id)\n  }\n"): (typeof documents)["\n  mutation ReleaseSlotHold($id: ID!) {\n    releaseSlotHold(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WaitlistEntryFields on WaitlistEntry {\n    id\n    status\n    from\n    to\n    specialization\n    createdAt\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n    offer {\n      id\n      startsAt\n      endsAt\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  fragment WaitlistEntryFields on WaitlistEntry {\n    id\n    status\n    from\n    to\n    specialization\n    createdAt\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n    offer {\n      id\n      startsAt\n      endsAt\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyWaitlist {\n    myWaitlist {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n"): (typeof documents)["\n  query MyWaitlist {\n    myWaitlist {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinWaitlist($input: JoinWaitlistInput!) {\n    joinWaitlist(input: $input) {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n"): (typeof documents)["\n  mutation JoinWaitlist($input: JoinWaitlistInput!) {\n    joinWaitlist(input: $input) {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptWaitlistOffer($id: ID!) {\n    acceptWaitlistOffer(id: $id) {\n      id\n      startsAt\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptWaitlistOffer($id: ID!) {\n    acceptWaitlistOffer(id: $id) {\n      id\n      startsAt\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveWaitlist($id: ID!) {\n    leaveWaitlist(id: $id) {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n"): (typeof documents)["\n  mutation LeaveWaitlist($id: ID!) {\n    leaveWaitlist(id: $id) {\n      id\n      ...WaitlistEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DoctorWaitlist($doctorId: ID!) {\n    doctorWaitlist(doctorId: $doctorId) {\n      id\n      status\n      patientName\n      specialization\n      from\n      to\n      createdAt\n      offer {\n        id\n        startsAt\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query DoctorWaitlist($doctorId: ID!) {\n    doctorWaitlist(doctorId: $doctorId) {\n      id\n      status\n      patientName\n      specialization\n      from\n      to\n      createdAt\n      offer {\n        id\n        startsAt\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminWebhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      failingSince\n      disabledAt\n    }\n  }\n"): (typeof documents)["\n  query AdminWebhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      failingSince\n      disabledAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($webhookId: ID!, $first: Int = 20, $after: String) {\n    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventId\n          eventKind\n          attempt\n          succeeded\n          statusCode\n          durationMs\n          errorClass\n          attemptedAt\n          nextAttemptAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($webhookId: ID!, $first: Int = 20, $after: String) {\n    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          eventId\n          eventKind\n          attempt\n          succeeded\n          statusCode\n          durationMs\n          errorClass\n          attemptedAt\n          nextAttemptAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        url\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        id\n        url\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReactivateWebhook($id: ID!) {\n    reactivateWebhook(id: $id) {\n      id\n      active\n      failingSince\n      disabledAt\n    }\n  }\n"): (typeof documents)["\n  mutation ReactivateWebhook($id: ID!) {\n    reactivateWebhook(id: $id) {\n      id\n      active\n      failingSince\n      disabledAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      messageId\n      succeeded\n      statusCode\n      durationMs\n      errorClass\n    }\n  }\n"): (typeof documents)["\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      messageId\n      succeeded\n      statusCode\n      durationMs\n      errorClass\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AttachmentFile on Attachment {\n    id\n    fileName\n    contentType\n    sizeBytes\n    downloadUrl\n  }\n"): (typeof documents)["\n  fragment AttachmentFile on Attachment {\n    id\n    fileName\n    contentType\n    sizeBytes\n    downloadUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AttachmentLink($id: ID!) {\n    attachment(id: $id) {\n      id\n      downloadUrl\n    }\n  }\n"): (typeof documents)["\n  query AttachmentLink($id: ID!) {\n    attachment(id: $id) {\n      id\n      downloadUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAttachmentUpload($input: CreateAttachmentUploadInput!) {\n    createAttachmentUpload(input: $input) {\n      uploadUrl\n      attachment {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAttachmentUpload($input: CreateAttachmentUploadInput!) {\n    createAttachmentUpload(input: $input) {\n      uploadUrl\n      attachment {\n        id\n        status\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;