/**
 * What the local cloud adds to SQS on the edge, beside the queue backend (ElasticMQ): the message
 * move tasks ({@link dev.idem.local.sqs.MessageMoveTasks}, a dead-letter queue's redrive) and their
 * API ({@link dev.idem.local.sqs.MessageMoveApi}).
 */
package dev.idem.local.sqs;
