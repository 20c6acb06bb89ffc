/**
 * The reference system's domain events: the envelope ({@link dev.idem.events.DomainEvent}, {@link
 * dev.idem.events.EventMetadata}), one record per event type ({@link
 * dev.idem.events.OrderEventData}), their JSON form on EventBridge ({@link
 * dev.idem.events.EventJson}) and deterministic event ids ({@link dev.idem.events.EventIds}). The
 * JSON schema of every type ships in this jar as {@code schemas/<DetailType>.json}, and the schema
 * of the orders API's request body as {@code schemas/PlaceOrderRequest.json} ({@link
 * dev.idem.events.ApiSchemas}).
 */
package dev.idem.events;
