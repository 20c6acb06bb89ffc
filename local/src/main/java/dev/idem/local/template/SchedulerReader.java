package dev.idem.local.template;

/**
 * Reads {@code AWS::Scheduler::Schedule} whose target is a function of the template: it becomes a
 * {@link SchedulerEvent} of that function, as SAM's {@code ScheduleV2} does. {@code
 * FlexibleTimeWindow} is honoured by firing at the start of the window; the target's {@code
 * RetryPolicy} and {@code DeadLetterConfig} are read but never apply locally (handing the event to
 * the function's asynchronous queue does not fail). A schedule targeting anything else is reported
 * as not emulated.
 */
final class SchedulerReader {

  static final String TYPE = "AWS::Scheduler::Schedule";

  private final NotEmulated notes;
  private final FunctionRefs refs;
  private final SamScheduleEvents schedules;

  SchedulerReader(ResourceIds ids, NotEmulated notes, FunctionRefs refs) {
    this.notes = notes;
    this.refs = refs;
    this.schedules = new SamScheduleEvents(ids, notes);
  }

  /**
   * Attaches the schedule to its function.
   *
   * @throws TemplateException naming the property when the expression or time zone is wrong
   */
  void read(Resource resource, Props props, Attachments attached) {
    String id = resource.logicalId();
    Props target = props.child("Target");
    String arn = target == null ? null : target.required("Arn");
    FunctionRefs.Target function =
        arn == null ? null : refs.find(arn, id + ".Target.Arn").orElse(null);
    if (function == null) {
      notes.resource(id, resource.type() + " (to " + arn + ": only functions of the template)");
      return;
    }
    String input = target.string("Input", "{}");
    target.ignore("RoleArn", "RetryPolicy", "DeadLetterConfig");
    target.reportUnread(notes);
    attached.event(function.logicalId(), schedules.schedule(id, id, props, input));
  }
}
