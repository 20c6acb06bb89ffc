package dev.idem.local.template;

/** An event source of a function, from its {@code Events} section. */
public sealed interface FunctionEvent
    permits ApiEvent, SqsEvent, StreamEvent, RuleEvent, SchedulerEvent {

  /** The event's key in the function's {@code Events} section. */
  String name();
}
