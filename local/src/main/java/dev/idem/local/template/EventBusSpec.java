package dev.idem.local.template;

/**
 * An EventBridge event bus ({@code AWS::Events::EventBus}).
 *
 * @param logicalId its logical id
 * @param name its {@code Name}, or the logical id
 */
public record EventBusSpec(String logicalId, String name) implements ProvisionedSpec {

  @Override
  public ResourceKind kind() {
    return ResourceKind.EVENT_BUS;
  }
}
