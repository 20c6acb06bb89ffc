/**
 * Third-party HTTP providers stubbed for the local cloud: a project declares them ({@link
 * dev.idem.local.stubs.StubSpec}, read from {@code idem.json}), and {@link
 * dev.idem.local.stubs.HttpStubs} starts the {@code dev.idem.testing} stub each one names when the
 * template's parameter for it has no value, so a function calls the stub's URL instead of the real
 * provider, and the fault injector can lose its answers.
 */
package dev.idem.local.stubs;
