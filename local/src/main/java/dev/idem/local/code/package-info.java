/**
 * A function's code as Lambda and {@code sam build} resolve it: {@link
 * dev.idem.local.code.CodeLayouts} turns a {@code CodeUri} (a shaded jar, a zip or folder of
 * classes and {@code lib/*.jar}, a Maven module, a Gradle project's distribution) and its layers
 * into one {@link dev.idem.local.code.FunctionCode}: the ordered class path an instance runs on.
 */
package dev.idem.local.code;
