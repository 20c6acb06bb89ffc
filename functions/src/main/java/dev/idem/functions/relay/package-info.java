/**
 * The Orders table's stream turned into domain events on EventBridge: one event per visible
 * transition of an order, each stream record at most once, none lost.
 */
package dev.idem.functions.relay;
