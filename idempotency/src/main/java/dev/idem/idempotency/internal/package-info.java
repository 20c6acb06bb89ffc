/** Implementation details of the idempotency library. Not an API: anything here may change. */
package dev.idem.idempotency.internal;
