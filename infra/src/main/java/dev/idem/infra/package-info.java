/**
 * The CDK app of the orders reference system: {@link dev.idem.infra.OrdersApp} (run by the
 * repository's cdk.json), {@link dev.idem.infra.OrdersStack}, template.yaml's twin composed from
 * {@link dev.idem.infra.constructs}, and {@link dev.idem.infra.StageSettings}, what a deployment
 * reads from CDK context.
 */
package dev.idem.infra;
