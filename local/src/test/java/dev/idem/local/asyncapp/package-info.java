/**
 * A small app invoked asynchronously, built into its own jar by {@code AsyncInvocationIT}: it
 * prints what it receives and fails when asked to.
 */
package dev.idem.local.asyncapp;
