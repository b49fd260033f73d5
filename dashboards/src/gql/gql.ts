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
    "\n  query AdminDoctors($search: String, $first: Int) {\n    doctors(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          licenseNumber\n          timezone\n          consultationFee\n        }\n      }\n    }\n  }\n": typeof types.AdminDoctorsDocument,
    "\n  mutation AdminCreateDoctor($input: CreateDoctorInput!) {\n    createDoctor(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n": typeof types.AdminCreateDoctorDocument,
    "\n  query AdminDoctor($id: ID!) {\n    doctor(id: $id) {\n      id\n      userId\n      firstName\n      lastName\n      specialization\n      licenseNumber\n      timezone\n      consultationFee\n      bio\n      qualifications\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n": typeof types.AdminDoctorDocument,
    "\n  mutation AdminSetAvailability($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) {\n    setDoctorAvailability(doctorId: $doctorId, rules: $rules) {\n      id\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n": typeof types.AdminSetAvailabilityDocument,
    "\n  mutation AdminAddTimeOff($doctorId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String) {\n    addTimeOff(doctorId: $doctorId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) {\n      id\n      startsAt\n      endsAt\n      reason\n    }\n  }\n": typeof types.AdminAddTimeOffDocument,
    "\n  mutation AdminRemoveTimeOff($id: ID!) {\n    removeTimeOff(id: $id)\n  }\n": typeof types.AdminRemoveTimeOffDocument,
    "\n  query AdminPatients($search: String, $first: Int, $after: String) {\n    patients(search: $search, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          dateOfBirth\n          active\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AdminPatientsDocument,
    "\n  query AdminPatient($id: ID!) {\n    patient(id: $id) {\n      id\n      userId\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n": typeof types.AdminPatientDocument,
    "\n  mutation AdminUpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n": typeof types.AdminUpdatePatientDocument,
    "\n  mutation AdminDeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n": typeof types.AdminDeactivateUserDocument,
    "\n  query AdminAppointments($filter: AppointmentFilter, $first: Int, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          startsAt\n          ...AppointmentStatusBadge\n          patient {\n            id\n            firstName\n            lastName\n          }\n          doctor {\n            id\n            ...DoctorName\n            timezone\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AdminAppointmentsDocument,
    "\n  query AdminAnalytics($from: DateTime!, $to: DateTime!, $timezone: String) {\n    analytics(from: $from, to: $to, timezone: $timezone) {\n      totalAppointments\n      noShowRate\n      cancellationRate\n      appointmentsPerDay {\n        date\n        total\n        completed\n        cancelled\n        noShow\n      }\n      utilisation {\n        doctor {\n          id\n          firstName\n          lastName\n        }\n        availableHours\n        bookedHours\n        utilisation\n      }\n    }\n  }\n": typeof types.AdminAnalyticsDocument,
    "\n  query AdminAuditEvents($patientId: ID, $actorId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    auditEvents(patientId: $patientId, actorId: $actorId, from: $from, to: $to, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          at\n          actorId\n          actorName\n          actorRole\n          action\n          entityType\n          entityId\n          patientId\n          reason\n          emergency\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AdminAuditEventsDocument,
    "\n  fragment AppointmentStatusBadge on Appointment {\n    status\n  }\n": typeof types.AppointmentStatusBadgeFragmentDoc,
    "\n  fragment SessionUser on User {\n    id\n    email\n    role\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      ...SessionUser\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.LogoutDocument,
    "\n  fragment PatientAppointmentFields on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    reason\n    cancellationReason\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n": typeof types.PatientAppointmentFieldsFragmentDoc,
    "\n  query MyAppointments($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          ...PatientAppointmentFields\n        }\n      }\n    }\n  }\n": typeof types.MyAppointmentsDocument,
    "\n  subscription MyAppointmentUpdated($patientId: ID) {\n    appointmentUpdated(patientId: $patientId) {\n      kind\n      at\n      appointment {\n        id\n        ...PatientAppointmentFields\n      }\n    }\n  }\n": typeof types.MyAppointmentUpdatedDocument,
    "\n  mutation CancelMyAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": typeof types.CancelMyAppointmentDocument,
    "\n  mutation RescheduleMyAppointment($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": typeof types.RescheduleMyAppointmentDocument,
    "\n  query BookingDoctors {\n    doctors(first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          timezone\n          consultationFee\n          nextAvailableSlot {\n            startsAt\n            endsAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.BookingDoctorsDocument,
    "\n  query AvailableSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n      endsAt\n    }\n  }\n": typeof types.AvailableSlotsDocument,
    "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": typeof types.BookAppointmentDocument,
    "\n  query PatientChart($id: ID!) {\n    patient(id: $id) {\n      id\n      ...PatientSummary\n      allergies\n      chronicConditions\n      currentMedications\n      surgeries {\n        procedure\n        date\n      }\n      familyHistory {\n        relation\n        condition\n      }\n      emergencyContacts {\n        name\n        relationship\n        phone\n      }\n      timeline(first: 30) {\n        edges {\n          node {\n            id\n            kind\n            at\n            appointment {\n              id\n              startsAt\n              status\n              reason\n              ...AppointmentStatusBadge\n            }\n            prescription {\n              id\n              notes\n              ...PrescriptionStatusBadge\n              items {\n                ...PrescriptionItemLine\n              }\n            }\n            medicalRecord {\n              id\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              symptoms\n              vitals {\n                ...VitalsSummary\n              }\n              notes\n              followUpDate\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PatientChartDocument,
    "\n  mutation RequestEmergencyAccess($patientId: ID!, $reason: String!) {\n    requestEmergencyAccess(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n": typeof types.RequestEmergencyAccessDocument,
    "\n  mutation CreateMedicalRecord($input: CreateMedicalRecordInput!) {\n    createMedicalRecord(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateMedicalRecordDocument,
    "\n  mutation IssuePrescription($input: IssuePrescriptionInput!) {\n    issuePrescription(input: $input) {\n      id\n    }\n  }\n": typeof types.IssuePrescriptionDocument,
    "\n  query MyPatients($search: String) {\n    patients(search: $search, first: 20) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          dateOfBirth\n        }\n      }\n    }\n  }\n": typeof types.MyPatientsDocument,
    "\n  fragment DoctorName on Doctor {\n    firstName\n    lastName\n  }\n": typeof types.DoctorNameFragmentDoc,
    "\n  query MyPrescriptions {\n    me {\n      id\n      patient {\n        id\n        prescriptions(first: 50) {\n          edges {\n            node {\n              id\n              status\n              ...PrescriptionStatusBadge\n              issuedAt\n              notes\n              items {\n                ...PrescriptionItemLine\n              }\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyPrescriptionsDocument,
    "\n  query MyRecords {\n    me {\n      id\n      patient {\n        id\n        timeline(first: 50) {\n          edges {\n            node {\n              id\n              kind\n              at\n              appointment {\n                id\n                ...AppointmentStatusBadge\n                doctor {\n                  id\n                  ...DoctorName\n                  specialization\n                }\n              }\n              prescription {\n                id\n                ...PrescriptionStatusBadge\n                items {\n                  medication\n                }\n              }\n              medicalRecord {\n                id\n              }\n            }\n          }\n        }\n        medicalRecords(first: 50) {\n          edges {\n            node {\n              id\n              recordedAt\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              vitals {\n                systolic\n                diastolic\n                heartRate\n                temperatureC\n                weightKg\n                ...VitalsSummary\n              }\n              notes\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyRecordsDocument,
    "\n  fragment MyProfileFields on Patient {\n    id\n    firstName\n    lastName\n    email\n    phone\n    address\n    dateOfBirth\n    gender\n    allergies\n    chronicConditions\n    currentMedications\n    emergencyContacts {\n      name\n      phone\n      relationship\n    }\n  }\n": typeof types.MyProfileFieldsFragmentDoc,
    "\n  query MyProfile {\n    me {\n      id\n      patient {\n        id\n        ...MyProfileFields\n      }\n    }\n  }\n": typeof types.MyProfileDocument,
    "\n  mutation UpdateMyProfile($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      ...MyProfileFields\n    }\n  }\n": typeof types.UpdateMyProfileDocument,
    "\n  query MyAccessLog {\n    myAccessLog(first: 50) {\n      edges {\n        node {\n          id\n          at\n          actorName\n          actorRole\n          action\n          entityType\n          emergency\n          reason\n        }\n      }\n    }\n  }\n": typeof types.MyAccessLogDocument,
    "\n  query AdminApiClients {\n    apiClients(first: 100) {\n      edges {\n        node {\n          id\n          name\n          scopes\n          active\n          createdAt\n          secretIssuedAt\n          previousSecretValidUntil\n          revokedAt\n          consentCount\n        }\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n": typeof types.AdminApiClientsDocument,
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
    "\n  query DoctorSchedule($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n    }\n  }\n": typeof types.DoctorScheduleDocument,
    "\n  subscription ScheduleAppointmentUpdated($doctorId: ID) {\n    appointmentUpdated(doctorId: $doctorId) {\n      kind\n      at\n      appointment {\n        id\n        ...ScheduleAppointment\n      }\n    }\n  }\n": typeof types.ScheduleAppointmentUpdatedDocument,
    "\n  mutation ConfirmAppointment($id: ID!) {\n    confirmAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.ConfirmAppointmentDocument,
    "\n  mutation CheckInAppointment($id: ID!) {\n    checkInAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.CheckInAppointmentDocument,
    "\n  mutation CompleteAppointment($id: ID!) {\n    completeAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.CompleteAppointmentDocument,
    "\n  mutation MarkNoShow($id: ID!) {\n    markNoShow(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.MarkNoShowDocument,
    "\n  mutation CancelAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": typeof types.CancelAppointmentDocument,
};
const documents: Documents = {
    "\n  query AdminDoctors($search: String, $first: Int) {\n    doctors(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          licenseNumber\n          timezone\n          consultationFee\n        }\n      }\n    }\n  }\n": types.AdminDoctorsDocument,
    "\n  mutation AdminCreateDoctor($input: CreateDoctorInput!) {\n    createDoctor(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n": types.AdminCreateDoctorDocument,
    "\n  query AdminDoctor($id: ID!) {\n    doctor(id: $id) {\n      id\n      userId\n      firstName\n      lastName\n      specialization\n      licenseNumber\n      timezone\n      consultationFee\n      bio\n      qualifications\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n": types.AdminDoctorDocument,
    "\n  mutation AdminSetAvailability($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) {\n    setDoctorAvailability(doctorId: $doctorId, rules: $rules) {\n      id\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n": types.AdminSetAvailabilityDocument,
    "\n  mutation AdminAddTimeOff($doctorId: ID!, $startsAt: DateTime!, $endsAt: DateTime!, $reason: String) {\n    addTimeOff(doctorId: $doctorId, startsAt: $startsAt, endsAt: $endsAt, reason: $reason) {\n      id\n      startsAt\n      endsAt\n      reason\n    }\n  }\n": types.AdminAddTimeOffDocument,
    "\n  mutation AdminRemoveTimeOff($id: ID!) {\n    removeTimeOff(id: $id)\n  }\n": types.AdminRemoveTimeOffDocument,
    "\n  query AdminPatients($search: String, $first: Int, $after: String) {\n    patients(search: $search, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          dateOfBirth\n          active\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AdminPatientsDocument,
    "\n  query AdminPatient($id: ID!) {\n    patient(id: $id) {\n      id\n      userId\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n": types.AdminPatientDocument,
    "\n  mutation AdminUpdatePatient($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      firstName\n      lastName\n      email\n      phone\n      address\n      dateOfBirth\n      gender\n      active\n    }\n  }\n": types.AdminUpdatePatientDocument,
    "\n  mutation AdminDeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      id\n      active\n      deactivatedAt\n    }\n  }\n": types.AdminDeactivateUserDocument,
    "\n  query AdminAppointments($filter: AppointmentFilter, $first: Int, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          startsAt\n          ...AppointmentStatusBadge\n          patient {\n            id\n            firstName\n            lastName\n          }\n          doctor {\n            id\n            ...DoctorName\n            timezone\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AdminAppointmentsDocument,
    "\n  query AdminAnalytics($from: DateTime!, $to: DateTime!, $timezone: String) {\n    analytics(from: $from, to: $to, timezone: $timezone) {\n      totalAppointments\n      noShowRate\n      cancellationRate\n      appointmentsPerDay {\n        date\n        total\n        completed\n        cancelled\n        noShow\n      }\n      utilisation {\n        doctor {\n          id\n          firstName\n          lastName\n        }\n        availableHours\n        bookedHours\n        utilisation\n      }\n    }\n  }\n": types.AdminAnalyticsDocument,
    "\n  query AdminAuditEvents($patientId: ID, $actorId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    auditEvents(patientId: $patientId, actorId: $actorId, from: $from, to: $to, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          at\n          actorId\n          actorName\n          actorRole\n          action\n          entityType\n          entityId\n          patientId\n          reason\n          emergency\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AdminAuditEventsDocument,
    "\n  fragment AppointmentStatusBadge on Appointment {\n    status\n  }\n": types.AppointmentStatusBadgeFragmentDoc,
    "\n  fragment SessionUser on User {\n    id\n    email\n    role\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n  }\n": types.SessionUserFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      ...SessionUser\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.LogoutDocument,
    "\n  fragment PatientAppointmentFields on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    reason\n    cancellationReason\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n": types.PatientAppointmentFieldsFragmentDoc,
    "\n  query MyAppointments($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          ...PatientAppointmentFields\n        }\n      }\n    }\n  }\n": types.MyAppointmentsDocument,
    "\n  subscription MyAppointmentUpdated($patientId: ID) {\n    appointmentUpdated(patientId: $patientId) {\n      kind\n      at\n      appointment {\n        id\n        ...PatientAppointmentFields\n      }\n    }\n  }\n": types.MyAppointmentUpdatedDocument,
    "\n  mutation CancelMyAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": types.CancelMyAppointmentDocument,
    "\n  mutation RescheduleMyAppointment($id: ID!, $startsAt: DateTime!) {\n    rescheduleAppointment(id: $id, startsAt: $startsAt) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": types.RescheduleMyAppointmentDocument,
    "\n  query BookingDoctors {\n    doctors(first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          timezone\n          consultationFee\n          nextAvailableSlot {\n            startsAt\n            endsAt\n          }\n        }\n      }\n    }\n  }\n": types.BookingDoctorsDocument,
    "\n  query AvailableSlots($doctorId: ID!, $from: DateTime!, $to: DateTime!) {\n    availableSlots(doctorId: $doctorId, from: $from, to: $to) {\n      startsAt\n      endsAt\n    }\n  }\n": types.AvailableSlotsDocument,
    "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      ...PatientAppointmentFields\n    }\n  }\n": types.BookAppointmentDocument,
    "\n  query PatientChart($id: ID!) {\n    patient(id: $id) {\n      id\n      ...PatientSummary\n      allergies\n      chronicConditions\n      currentMedications\n      surgeries {\n        procedure\n        date\n      }\n      familyHistory {\n        relation\n        condition\n      }\n      emergencyContacts {\n        name\n        relationship\n        phone\n      }\n      timeline(first: 30) {\n        edges {\n          node {\n            id\n            kind\n            at\n            appointment {\n              id\n              startsAt\n              status\n              reason\n              ...AppointmentStatusBadge\n            }\n            prescription {\n              id\n              notes\n              ...PrescriptionStatusBadge\n              items {\n                ...PrescriptionItemLine\n              }\n            }\n            medicalRecord {\n              id\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              symptoms\n              vitals {\n                ...VitalsSummary\n              }\n              notes\n              followUpDate\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PatientChartDocument,
    "\n  mutation RequestEmergencyAccess($patientId: ID!, $reason: String!) {\n    requestEmergencyAccess(patientId: $patientId, reason: $reason) {\n      id\n      expiresAt\n    }\n  }\n": types.RequestEmergencyAccessDocument,
    "\n  mutation CreateMedicalRecord($input: CreateMedicalRecordInput!) {\n    createMedicalRecord(input: $input) {\n      id\n    }\n  }\n": types.CreateMedicalRecordDocument,
    "\n  mutation IssuePrescription($input: IssuePrescriptionInput!) {\n    issuePrescription(input: $input) {\n      id\n    }\n  }\n": types.IssuePrescriptionDocument,
    "\n  query MyPatients($search: String) {\n    patients(search: $search, first: 20) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          dateOfBirth\n        }\n      }\n    }\n  }\n": types.MyPatientsDocument,
    "\n  fragment DoctorName on Doctor {\n    firstName\n    lastName\n  }\n": types.DoctorNameFragmentDoc,
    "\n  query MyPrescriptions {\n    me {\n      id\n      patient {\n        id\n        prescriptions(first: 50) {\n          edges {\n            node {\n              id\n              status\n              ...PrescriptionStatusBadge\n              issuedAt\n              notes\n              items {\n                ...PrescriptionItemLine\n              }\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyPrescriptionsDocument,
    "\n  query MyRecords {\n    me {\n      id\n      patient {\n        id\n        timeline(first: 50) {\n          edges {\n            node {\n              id\n              kind\n              at\n              appointment {\n                id\n                ...AppointmentStatusBadge\n                doctor {\n                  id\n                  ...DoctorName\n                  specialization\n                }\n              }\n              prescription {\n                id\n                ...PrescriptionStatusBadge\n                items {\n                  medication\n                }\n              }\n              medicalRecord {\n                id\n              }\n            }\n          }\n        }\n        medicalRecords(first: 50) {\n          edges {\n            node {\n              id\n              recordedAt\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              vitals {\n                systolic\n                diastolic\n                heartRate\n                temperatureC\n                weightKg\n                ...VitalsSummary\n              }\n              notes\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyRecordsDocument,
    "\n  fragment MyProfileFields on Patient {\n    id\n    firstName\n    lastName\n    email\n    phone\n    address\n    dateOfBirth\n    gender\n    allergies\n    chronicConditions\n    currentMedications\n    emergencyContacts {\n      name\n      phone\n      relationship\n    }\n  }\n": types.MyProfileFieldsFragmentDoc,
    "\n  query MyProfile {\n    me {\n      id\n      patient {\n        id\n        ...MyProfileFields\n      }\n    }\n  }\n": types.MyProfileDocument,
    "\n  mutation UpdateMyProfile($id: ID!, $input: UpdatePatientInput!) {\n    updatePatient(id: $id, input: $input) {\n      id\n      ...MyProfileFields\n    }\n  }\n": types.UpdateMyProfileDocument,
    "\n  query MyAccessLog {\n    myAccessLog(first: 50) {\n      edges {\n        node {\n          id\n          at\n          actorName\n          actorRole\n          action\n          entityType\n          emergency\n          reason\n        }\n      }\n    }\n  }\n": types.MyAccessLogDocument,
    "\n  query AdminApiClients {\n    apiClients(first: 100) {\n      edges {\n        node {\n          id\n          name\n          scopes\n          active\n          createdAt\n          secretIssuedAt\n          previousSecretValidUntil\n          revokedAt\n          consentCount\n        }\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n": types.AdminApiClientsDocument,
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
    "\n  query DoctorSchedule($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n    }\n  }\n": types.DoctorScheduleDocument,
    "\n  subscription ScheduleAppointmentUpdated($doctorId: ID) {\n    appointmentUpdated(doctorId: $doctorId) {\n      kind\n      at\n      appointment {\n        id\n        ...ScheduleAppointment\n      }\n    }\n  }\n": types.ScheduleAppointmentUpdatedDocument,
    "\n  mutation ConfirmAppointment($id: ID!) {\n    confirmAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.ConfirmAppointmentDocument,
    "\n  mutation CheckInAppointment($id: ID!) {\n    checkInAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.CheckInAppointmentDocument,
    "\n  mutation CompleteAppointment($id: ID!) {\n    completeAppointment(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.CompleteAppointmentDocument,
    "\n  mutation MarkNoShow($id: ID!) {\n    markNoShow(id: $id) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.MarkNoShowDocument,
    "\n  mutation CancelAppointment($id: ID!, $reason: String) {\n    cancelAppointment(id: $id, reason: $reason) {\n      id\n      ...ScheduleAppointment\n    }\n  }\n": types.CancelAppointmentDocument,
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
export function graphql(source: "\n  query AdminDoctors($search: String, $first: Int) {\n    doctors(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          licenseNumber\n          timezone\n          consultationFee\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminDoctors($search: String, $first: Int) {\n    doctors(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          licenseNumber\n          timezone\n          consultationFee\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateDoctor($input: CreateDoctorInput!) {\n    createDoctor(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateDoctor($input: CreateDoctorInput!) {\n    createDoctor(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminDoctor($id: ID!) {\n    doctor(id: $id) {\n      id\n      userId\n      firstName\n      lastName\n      specialization\n      licenseNumber\n      timezone\n      consultationFee\n      bio\n      qualifications\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminDoctor($id: ID!) {\n    doctor(id: $id) {\n      id\n      userId\n      firstName\n      lastName\n      specialization\n      licenseNumber\n      timezone\n      consultationFee\n      bio\n      qualifications\n      availability {\n        id\n        weekday\n        startTime\n        endTime\n        slotMinutes\n      }\n      timeOff {\n        id\n        startsAt\n        endsAt\n        reason\n      }\n      appointmentsOutsideAvailability {\n        id\n        startsAt\n        patient {\n          id\n          firstName\n          lastName\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query AdminPatients($search: String, $first: Int, $after: String) {\n    patients(search: $search, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          dateOfBirth\n          active\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminPatients($search: String, $first: Int, $after: String) {\n    patients(search: $search, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          phone\n          dateOfBirth\n          active\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query AdminAppointments($filter: AppointmentFilter, $first: Int, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          startsAt\n          ...AppointmentStatusBadge\n          patient {\n            id\n            firstName\n            lastName\n          }\n          doctor {\n            id\n            ...DoctorName\n            timezone\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAppointments($filter: AppointmentFilter, $first: Int, $after: String) {\n    appointments(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          startsAt\n          ...AppointmentStatusBadge\n          patient {\n            id\n            firstName\n            lastName\n          }\n          doctor {\n            id\n            ...DoctorName\n            timezone\n          }\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAnalytics($from: DateTime!, $to: DateTime!, $timezone: String) {\n    analytics(from: $from, to: $to, timezone: $timezone) {\n      totalAppointments\n      noShowRate\n      cancellationRate\n      appointmentsPerDay {\n        date\n        total\n        completed\n        cancelled\n        noShow\n      }\n      utilisation {\n        doctor {\n          id\n          firstName\n          lastName\n        }\n        availableHours\n        bookedHours\n        utilisation\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAnalytics($from: DateTime!, $to: DateTime!, $timezone: String) {\n    analytics(from: $from, to: $to, timezone: $timezone) {\n      totalAppointments\n      noShowRate\n      cancellationRate\n      appointmentsPerDay {\n        date\n        total\n        completed\n        cancelled\n        noShow\n      }\n      utilisation {\n        doctor {\n          id\n          firstName\n          lastName\n        }\n        availableHours\n        bookedHours\n        utilisation\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditEvents($patientId: ID, $actorId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    auditEvents(patientId: $patientId, actorId: $actorId, from: $from, to: $to, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          at\n          actorId\n          actorName\n          actorRole\n          action\n          entityType\n          entityId\n          patientId\n          reason\n          emergency\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAuditEvents($patientId: ID, $actorId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    auditEvents(patientId: $patientId, actorId: $actorId, from: $from, to: $to, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          at\n          actorId\n          actorName\n          actorRole\n          action\n          entityType\n          entityId\n          patientId\n          reason\n          emergency\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AppointmentStatusBadge on Appointment {\n    status\n  }\n"): (typeof documents)["\n  fragment AppointmentStatusBadge on Appointment {\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionUser on User {\n    id\n    email\n    role\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n  }\n"): (typeof documents)["\n  fragment SessionUser on User {\n    id\n    email\n    role\n    patient {\n      id\n      firstName\n      lastName\n    }\n    doctor {\n      id\n      firstName\n      lastName\n      timezone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      ...SessionUser\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      ...SessionUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        ...SessionUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatientAppointmentFields on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    reason\n    cancellationReason\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n"): (typeof documents)["\n  fragment PatientAppointmentFields on Appointment {\n    id\n    startsAt\n    endsAt\n    status\n    ...AppointmentStatusBadge\n    reason\n    cancellationReason\n    doctor {\n      id\n      firstName\n      lastName\n      ...DoctorName\n      specialization\n      timezone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAppointments($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          ...PatientAppointmentFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyAppointments($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          ...PatientAppointmentFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyAppointmentUpdated($patientId: ID) {\n    appointmentUpdated(patientId: $patientId) {\n      kind\n      at\n      appointment {\n        id\n        ...PatientAppointmentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MyAppointmentUpdated($patientId: ID) {\n    appointmentUpdated(patientId: $patientId) {\n      kind\n      at\n      appointment {\n        id\n        ...PatientAppointmentFields\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query BookingDoctors {\n    doctors(first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          timezone\n          consultationFee\n          nextAvailableSlot {\n            startsAt\n            endsAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BookingDoctors {\n    doctors(first: 100) {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          specialization\n          timezone\n          consultationFee\n          nextAvailableSlot {\n            startsAt\n            endsAt\n          }\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query PatientChart($id: ID!) {\n    patient(id: $id) {\n      id\n      ...PatientSummary\n      allergies\n      chronicConditions\n      currentMedications\n      surgeries {\n        procedure\n        date\n      }\n      familyHistory {\n        relation\n        condition\n      }\n      emergencyContacts {\n        name\n        relationship\n        phone\n      }\n      timeline(first: 30) {\n        edges {\n          node {\n            id\n            kind\n            at\n            appointment {\n              id\n              startsAt\n              status\n              reason\n              ...AppointmentStatusBadge\n            }\n            prescription {\n              id\n              notes\n              ...PrescriptionStatusBadge\n              items {\n                ...PrescriptionItemLine\n              }\n            }\n            medicalRecord {\n              id\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              symptoms\n              vitals {\n                ...VitalsSummary\n              }\n              notes\n              followUpDate\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientChart($id: ID!) {\n    patient(id: $id) {\n      id\n      ...PatientSummary\n      allergies\n      chronicConditions\n      currentMedications\n      surgeries {\n        procedure\n        date\n      }\n      familyHistory {\n        relation\n        condition\n      }\n      emergencyContacts {\n        name\n        relationship\n        phone\n      }\n      timeline(first: 30) {\n        edges {\n          node {\n            id\n            kind\n            at\n            appointment {\n              id\n              startsAt\n              status\n              reason\n              ...AppointmentStatusBadge\n            }\n            prescription {\n              id\n              notes\n              ...PrescriptionStatusBadge\n              items {\n                ...PrescriptionItemLine\n              }\n            }\n            medicalRecord {\n              id\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              symptoms\n              vitals {\n                ...VitalsSummary\n              }\n              notes\n              followUpDate\n            }\n          }\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment DoctorName on Doctor {\n    firstName\n    lastName\n  }\n"): (typeof documents)["\n  fragment DoctorName on Doctor {\n    firstName\n    lastName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPrescriptions {\n    me {\n      id\n      patient {\n        id\n        prescriptions(first: 50) {\n          edges {\n            node {\n              id\n              status\n              ...PrescriptionStatusBadge\n              issuedAt\n              notes\n              items {\n                ...PrescriptionItemLine\n              }\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPrescriptions {\n    me {\n      id\n      patient {\n        id\n        prescriptions(first: 50) {\n          edges {\n            node {\n              id\n              status\n              ...PrescriptionStatusBadge\n              issuedAt\n              notes\n              items {\n                ...PrescriptionItemLine\n              }\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyRecords {\n    me {\n      id\n      patient {\n        id\n        timeline(first: 50) {\n          edges {\n            node {\n              id\n              kind\n              at\n              appointment {\n                id\n                ...AppointmentStatusBadge\n                doctor {\n                  id\n                  ...DoctorName\n                  specialization\n                }\n              }\n              prescription {\n                id\n                ...PrescriptionStatusBadge\n                items {\n                  medication\n                }\n              }\n              medicalRecord {\n                id\n              }\n            }\n          }\n        }\n        medicalRecords(first: 50) {\n          edges {\n            node {\n              id\n              recordedAt\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              vitals {\n                systolic\n                diastolic\n                heartRate\n                temperatureC\n                weightKg\n                ...VitalsSummary\n              }\n              notes\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyRecords {\n    me {\n      id\n      patient {\n        id\n        timeline(first: 50) {\n          edges {\n            node {\n              id\n              kind\n              at\n              appointment {\n                id\n                ...AppointmentStatusBadge\n                doctor {\n                  id\n                  ...DoctorName\n                  specialization\n                }\n              }\n              prescription {\n                id\n                ...PrescriptionStatusBadge\n                items {\n                  medication\n                }\n              }\n              medicalRecord {\n                id\n              }\n            }\n          }\n        }\n        medicalRecords(first: 50) {\n          edges {\n            node {\n              id\n              recordedAt\n              ...RecordTypeBadge\n              diagnoses {\n                code\n                ...DiagnosisLine\n              }\n              vitals {\n                systolic\n                diastolic\n                heartRate\n                temperatureC\n                weightKg\n                ...VitalsSummary\n              }\n              notes\n              doctor {\n                id\n                ...DoctorName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query MyAccessLog {\n    myAccessLog(first: 50) {\n      edges {\n        node {\n          id\n          at\n          actorName\n          actorRole\n          action\n          entityType\n          emergency\n          reason\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyAccessLog {\n    myAccessLog(first: 50) {\n      edges {\n        node {\n          id\n          at\n          actorName\n          actorRole\n          action\n          entityType\n          emergency\n          reason\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminApiClients {\n    apiClients(first: 100) {\n      edges {\n        node {\n          id\n          name\n          scopes\n          active\n          createdAt\n          secretIssuedAt\n          previousSecretValidUntil\n          revokedAt\n          consentCount\n        }\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n"): (typeof documents)["\n  query AdminApiClients {\n    apiClients(first: 100) {\n      edges {\n        node {\n          id\n          name\n          scopes\n          active\n          createdAt\n          secretIssuedAt\n          previousSecretValidUntil\n          revokedAt\n          consentCount\n        }\n      }\n    }\n    apiScopes {\n      name\n      description\n    }\n  }\n"];
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
export function graphql(source: "\n  query DoctorSchedule($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DoctorSchedule($filter: AppointmentFilter) {\n    appointments(filter: $filter, first: 100) {\n      edges {\n        node {\n          id\n          ...ScheduleAppointment\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ScheduleAppointmentUpdated($doctorId: ID) {\n    appointmentUpdated(doctorId: $doctorId) {\n      kind\n      at\n      appointment {\n        id\n        ...ScheduleAppointment\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ScheduleAppointmentUpdated($doctorId: ID) {\n    appointmentUpdated(doctorId: $doctorId) {\n      kind\n      at\n      appointment {\n        id\n        ...ScheduleAppointment\n      }\n    }\n  }\n"];
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

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;