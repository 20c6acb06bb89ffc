package dev.idem.bench;

/**
 * One way of running the handler that a benchmark measures.
 *
 * @param name the short name used in the table and the JSON keys
 * @param description what one invocation does
 * @param invocation one invocation
 */
record Mode(String name, String description, Invocation invocation) {}
