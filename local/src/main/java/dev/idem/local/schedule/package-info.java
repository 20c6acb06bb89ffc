/**
 * Schedules as EventBridge and EventBridge Scheduler read them: {@code rate(...)}, {@code
 * cron(...)} (AWS's six-field dialect) and {@code at(...)} expressions, and a ticker that fires
 * them on an injected clock.
 */
package dev.idem.local.schedule;
