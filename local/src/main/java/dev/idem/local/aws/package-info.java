/**
 * The AWS side of the local cloud: one edge endpoint ({@link dev.idem.local.edge.EdgeRouter})
 * routing by SigV4 credential scope to DynamoDB Local, ElasticMQ ({@link
 * dev.idem.testing.ElasticMq}, its queue URLs naming the edge), the EventBridge service ({@link
 * dev.idem.local.eventbridge.EventBridgeService}) and a Lambda API; {@link
 * dev.idem.local.edge.LocalAws} starts them as one ({@code dev.idem.local.provision} then creates a
 * template's resources there or on any other AWS-compatible endpoint).
 */
package dev.idem.local.aws;
