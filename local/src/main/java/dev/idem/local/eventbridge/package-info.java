/**
 * The emulated EventBridge service ({@link dev.idem.local.eventbridge.EventBridgeService}, the JSON
 * API the edge routes {@code events} calls to): buses and rules ({@link
 * dev.idem.local.eventbridge.EventBus}, {@link dev.idem.local.eventbridge.EventRule}) matched with
 * event-ruler, the API's request rules ({@link dev.idem.local.eventbridge.EventValidation}, {@link
 * dev.idem.local.eventbridge.EventEntries}), a target's input transformation ({@link
 * dev.idem.local.eventbridge.TargetInput}), scheduled rules ({@link
 * dev.idem.local.eventbridge.RuleSchedules}), and delivery with the target's retry policy and
 * dead-letter queue ({@link dev.idem.local.eventbridge.EventDelivery}) through an {@link
 * dev.idem.local.eventbridge.EventTargetSender}: SQS targets via the SDK ({@link
 * dev.idem.local.eventbridge.SqsTargetSender}), Lambda targets via the local cloud's asynchronous
 * queue. Another emulated service (S3, Kinesis) gets a package of its own beside this one.
 */
package dev.idem.local.eventbridge;
