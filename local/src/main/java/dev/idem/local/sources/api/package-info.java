/**
 * API Gateway's proxy integrations: {@link dev.idem.local.sources.api.ApiGateway} is an {@link
 * dev.idem.local.http.HttpService} (port 3000) that matches a request to an {@link
 * dev.idem.local.sources.api.ApiRoute} (REST API paths and HTTP API routes, {@code {param}} and
 * {@code {proxy+}}), checks its body against the method's model as a request validator does,
 * invokes the function with the REST API (1.0) or HTTP API (2.0) proxy event, and maps its answer
 * (or its failure, with API Gateway's own status codes and gateway responses) to the HTTP response,
 * bodies base64-encoded by the API's binary media types.
 */
package dev.idem.local.sources.api;
