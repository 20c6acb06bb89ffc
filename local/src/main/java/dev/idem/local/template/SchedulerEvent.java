package dev.idem.local.template;

/**
 * A SAM {@code ScheduleV2} event: an EventBridge Scheduler schedule that invokes the function
 * asynchronously with its {@code Input}.
 *
 * @param name the event's key in {@code Events}
 * @param scheduleName its {@code Name}, or {@code <FunctionLogicalId><EventName>}
 * @param expression its {@code ScheduleExpression}: {@code rate(...)}, {@code cron(...)} or {@code
 *     at(...)}
 * @param timezone its {@code ScheduleExpressionTimezone} (default {@code UTC})
 * @param input the text the function receives: its {@code Input} as is; else {@code {}} (Scheduler
 *     sends "a default notification" whose shape its documentation does not give)
 * @param enabled whether its {@code State} is {@code ENABLED} (the default)
 */
public record SchedulerEvent(
    String name,
    String scheduleName,
    String expression,
    String timezone,
    String input,
    boolean enabled)
    implements FunctionEvent {}
