/**
 * A UUID in its canonical text form (8-4-4-4-12 hex digits). The API's `uuid` format also accepts a
 * `urn:uuid:` prefix, which PostgreSQL refuses; code that puts an id into a statement shared with
 * other requests (db/batch.ts) checks this first, so one odd id cannot fail the others' statement.
 */
export const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
