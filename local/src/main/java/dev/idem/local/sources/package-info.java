/**
 * Event sources with Lambda's semantics, on top of the {@link dev.idem.local.lambda.Invoker} seam:
 * {@link dev.idem.local.sources.SqsEventSource} (an SQS event source mapping), {@link
 * dev.idem.local.sources.StreamEventSource} (a DynamoDB stream event source mapping) and {@link
 * dev.idem.local.sources.ApiGateway} (the REST API proxy integration, an {@link
 * dev.idem.local.http.HttpService} for port 3000). They talk to SQS and DynamoDB Streams through
 * plain SDK clients, so they run against the local cloud's edge or any AWS-compatible endpoint.
 * Each reports one {@link dev.idem.local.sources.SourceInvocation} per invocation to the {@link
 * dev.idem.local.sources.SourceContext}'s listener.
 */
package dev.idem.local.sources;
