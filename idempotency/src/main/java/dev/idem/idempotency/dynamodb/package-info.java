/** The DynamoDB idempotency store: one conditional write per claim, fenced completion. */
package dev.idem.idempotency.dynamodb;
