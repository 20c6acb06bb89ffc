/**
 * Adapters that guard AWS Lambda event sources with {@link dev.idem.idempotency.Idempotency}: API
 * Gateway requests ({@link dev.idem.idempotency.lambda.HttpIdempotency}, one per payload format),
 * SQS batches ({@link dev.idem.idempotency.lambda.SqsBatchIdempotency}), DynamoDB stream batches
 * ({@link dev.idem.idempotency.lambda.DynamoDbStreamIdempotency}) and EventBridge events ({@link
 * dev.idem.idempotency.lambda.EventBridgeIdempotency}).
 *
 * <p>Every adapter offers the core's three modes under the same names: guard ({@code handle} for
 * one event, {@code process} for a batch), transactional completion ({@code handleTransactional},
 * {@code processTransactional}) and single transaction ({@code handleInSingleTransaction}, {@code
 * processInSingleTransaction}). A guarded handler is an {@link
 * dev.idem.idempotency.lambda.EventHandler} or a {@link dev.idem.idempotency.lambda.RecordHandler};
 * a transactional one a {@link dev.idem.idempotency.lambda.TransactionalHandler} or a {@link
 * dev.idem.idempotency.lambda.TransactionalRecordHandler}, which adds DynamoDB writes and gets the
 * {@link dev.idem.idempotency.Outcome}.
 *
 * <p>Each adapter is immutable and thread-safe: build it once per container and pass the
 * invocation's {@link com.amazonaws.services.lambda.runtime.Context} to every call.
 */
package dev.idem.idempotency.lambda;
