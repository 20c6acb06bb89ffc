/**
 * Adapters that guard AWS Lambda event sources with {@link dev.idem.idempotency.Idempotency}: API
 * Gateway requests ({@link dev.idem.idempotency.lambda.HttpIdempotency}), SQS batches ({@link
 * dev.idem.idempotency.lambda.SqsBatchIdempotency}), DynamoDB stream batches ({@link
 * dev.idem.idempotency.lambda.DynamoDbStreamIdempotency}) and EventBridge events ({@link
 * dev.idem.idempotency.lambda.EventBridgeIdempotency}).
 *
 * <p>Each adapter is immutable and thread-safe: build it once per container and pass the
 * invocation's {@link com.amazonaws.services.lambda.runtime.Context} to every call.
 */
package dev.idem.idempotency.lambda;
