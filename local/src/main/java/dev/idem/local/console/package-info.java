/**
 * The local cloud's web console on the edge port ({@code /_idem/}): a page of plain HTML, CSS and
 * JavaScript shipped in the jar, over JSON endpoints ({@code /_idem/api/overview}, {@code
 * /_idem/api/invocations}) built from what the cloud already observes.
 */
package dev.idem.local.console;
