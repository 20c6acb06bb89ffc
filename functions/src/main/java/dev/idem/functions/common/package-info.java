/** What every reference function shares: configuration seams, AWS clients, logs, metrics, HTTP. */
package dev.idem.functions.common;
