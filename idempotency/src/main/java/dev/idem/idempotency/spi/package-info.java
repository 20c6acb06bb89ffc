/**
 * The service-provider interface for idempotency stores. Implement {@link
 * dev.idem.idempotency.spi.IdempotencyStore} to keep records somewhere other than DynamoDB; run the
 * library's store contract tests against it.
 */
package dev.idem.idempotency.spi;
