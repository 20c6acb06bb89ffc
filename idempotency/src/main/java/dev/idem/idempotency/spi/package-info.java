/**
 * The service-provider interface for idempotency stores. Implement {@link
 * dev.idem.idempotency.spi.IdempotencyStore} to keep records somewhere other than DynamoDB, apply
 * {@link dev.idem.idempotency.spi.StoredResponse#encode} in {@code complete} so that responses are
 * refused at the same size on every store, and run the store contract suite of {@code
 * dev.idem:idem-idempotency-testkit} ({@code IdempotencyStoreContract}, and the behaviour contracts
 * of {@code Idempotency} over the store) against it.
 */
package dev.idem.idempotency.spi;
