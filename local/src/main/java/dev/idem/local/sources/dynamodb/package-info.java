/**
 * The DynamoDB stream event source mapping: {@link
 * dev.idem.local.sources.dynamodb.DynamoDbStreamSource} runs the shard machinery of {@code
 * dev.idem.local.sources.stream} over the DynamoDB Streams API and hands functions the {@code
 * DynamodbEvent} of {@link dev.idem.local.sources.dynamodb.StreamEvents}, in the stack's region
 * whatever region DynamoDB Local names.
 */
package dev.idem.local.sources.dynamodb;
