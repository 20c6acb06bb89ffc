package dev.idem.local.provision;

import dev.idem.local.template.EventBusSpec;
import dev.idem.local.template.PhysicalIds;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;

/** Creates an EventBridge bus; {@code default} always exists and is only described. */
final class EventBusProvisioner implements ResourceProvisioner<EventBusSpec> {

  private final EventBridgeClient events;

  EventBusProvisioner(EventBridgeClient events) {
    this.events = events;
  }

  @Override
  public void create(EventBusSpec bus, PhysicalIds ids) {
    ids.putAtt(bus.logicalId(), "Arn", arn(bus));
  }

  private String arn(EventBusSpec bus) {
    if (bus.name().equals("default")) {
      return events.describeEventBus(r -> r.name("default")).arn();
    }
    try {
      return events.createEventBus(r -> r.name(bus.name())).eventBusArn();
    } catch (ResourceAlreadyExistsException e) {
      return events.describeEventBus(r -> r.name(bus.name())).arn();
    }
  }
}
