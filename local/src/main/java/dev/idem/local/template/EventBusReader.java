package dev.idem.local.template;

/** Reads {@code AWS::Events::EventBus}. */
final class EventBusReader {

  static final String TYPE = "AWS::Events::EventBus";

  private final ResourceIds ids;
  private final NotEmulated notes;

  EventBusReader(ResourceIds ids, NotEmulated notes) {
    this.ids = ids;
    this.notes = notes;
  }

  /** The bus's spec; what it does not read is reported. */
  EventBusSpec read(Resource resource, Props props) {
    props.ignore("Name", "Description");
    props.reportUnread(notes);
    return new EventBusSpec(resource.logicalId(), ids.ref(resource.logicalId()));
  }
}
