/**
 * The edge: one HTTP endpoint ({@link dev.idem.local.edge.EdgeRouter}) that reads each request's
 * SigV4 credential scope and routes it to an emulated service in process (EventBridge, Lambda's
 * Invoke API) or forwards it ({@link dev.idem.local.edge.HttpForwarder}) to a backend (DynamoDB
 * Local, ElasticMQ), with an {@link dev.idem.local.edge.EdgeInterceptor} the fault injector hooks
 * in; {@link dev.idem.local.edge.LocalAws} starts the edge and those backends as one.
 */
package dev.idem.local.edge;
