/**
 * Marks a GraphQL field whose value depends on the caller's session, not only on who the caller
 * is: `@Extensions(PER_SESSION)` (a signed link that names the session, say). A live event is
 * executed once for all sessions of one person running one document, and the same message is
 * written to each (server/live-fanout.ts), unless the document selects such a field: then each
 * session gets an execution of its own. A resolver that reads `actor.sessionId` must carry it.
 */
export const PER_SESSION = { perSession: true } as const;
