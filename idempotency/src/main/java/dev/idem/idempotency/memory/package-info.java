/** An in-memory idempotency store for unit tests. */
package dev.idem.idempotency.memory;
