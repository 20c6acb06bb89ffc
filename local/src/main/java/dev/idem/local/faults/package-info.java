/**
 * The local cloud's fault injector: rules (Idem's and LocalStack's format) kept by {@link
 * dev.idem.local.faults.Faults}, decided per hop with a seed so a run can be replayed, and applied
 * where the hops are ({@link dev.idem.local.faults.EdgeFaults} on the edge, {@link
 * dev.idem.local.faults.FaultHooks} for EventBridge delivery, event sources, instances and stubs);
 * {@link dev.idem.local.faults.FaultApi} is the HTTP API that changes the rules while traffic
 * flows.
 */
package dev.idem.local.faults;
