/**
 * The V8 heap flags the API process runs with, wherever it is started: the image's CMD
 * (Dockerfile), `npm start` and the bench (`npm run bench`) — `node-flags.test.ts` keeps the
 * first two in step with this list.
 *
 * Without them V8 sizes the heap for the whole machine: the young generation grew to 134 MB and
 * the old generation kept about 250 MB of garbage before collecting, so the bench's API process
 * peaked near 500 MB resident with 80 MB live. A 16 MB semi-space (young generation about 48 MB)
 * and an old generation capped at 512 MB (inside the pod's 768 Mi limit, k8s/api-deployment.yaml)
 * make V8 collect sooner: about 240 MB peak on the same bench, for more frequent collections.
 *
 * The semi-space was measured again on the doctor's week (compare bench, one client, the request
 * probe): a scavenge every 13, 22 and 72 requests at 8, 16 and 64 MB, pausing 4–6, 7–10 and 19 ms
 * (a fifth of what a week allocates survives a scavenge, so a pause grows with the space),
 * for the same GC time per request. 64 MB lengthened the tail (p99 in the API 17.8 ms) and peaked
 * at 311 MB; 8 MB did not shorten it beyond the machine's noise (p99 10–23 ms, 16 MB: 14–21 ms).
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16', '--max-old-space-size=512'];
