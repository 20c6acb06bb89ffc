/**
 * Exactly-once effects for AWS Lambda handlers over at-least-once delivery. Start with {@link
 * dev.idem.idempotency.Idempotency}.
 */
package dev.idem.idempotency;
