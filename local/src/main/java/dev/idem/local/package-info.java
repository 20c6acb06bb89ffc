/**
 * The local cloud's composition root and command line: {@link dev.idem.local.LocalCloud} starts
 * everything a SAM template declares on loopback (the backends and edge of {@code
 * dev.idem.local.aws}, the resources {@code dev.idem.local.provision} creates there, the functions
 * of {@code dev.idem.local.lambda}, the event sources and API of {@code dev.idem.local.sources},
 * provider stubs and seed data); {@link dev.idem.local.LocalCloudMain} is {@code bin/idem local}
 * and {@link dev.idem.local.InvokeMain} {@code bin/idem invoke}.
 */
package dev.idem.local;
