/**
 * Bare Lambda handlers: the cold-start baseline. Each takes the same event type as a reference
 * function and makes the same first DynamoDB call with a client built the same way, without the
 * idempotency library or any business logic. The cold-start benchmark runs them from a copy of the
 * functions' shaded jar, so class path, jar size and JVM flags are the functions' own.
 */
package dev.idem.bench.bare;
