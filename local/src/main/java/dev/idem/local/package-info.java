/**
 * The local cloud's application: {@link dev.idem.local.LocalCloud} composes everything a SAM
 * template declares on loopback (the backends and edge of {@code dev.idem.local.edge} with the
 * emulated services such as {@code dev.idem.local.eventbridge}, the resources {@code
 * dev.idem.local.provision} creates there, the functions of {@code dev.idem.local.lambda}, the
 * event sources of {@code dev.idem.local.sources}, the HTTP stubs of {@code dev.idem.local.stubs},
 * seed data), wiring a template's declarations to them ({@code StackWiring}, {@code AsyncLambda});
 * {@link dev.idem.local.LocalCloudMain} is {@code bin/idem local} and {@link
 * dev.idem.local.InvokeMain} {@code bin/idem invoke}. Each role lives in its own package; this one
 * only composes them.
 */
package dev.idem.local;
