/**
 * The small HTTP layer every local endpoint shares: the edge (4566), the EventBridge and Lambda
 * APIs, the Runtime APIs, the API Gateway emulation (3000) and the stub providers.
 */
package dev.idem.local.http;
