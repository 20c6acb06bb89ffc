package dev.idem.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource of a template as written (intrinsics unresolved), with the Globals section merged
 * into serverless resources.
 *
 * @param logicalId its logical id
 * @param type its type, e.g. {@code AWS::DynamoDB::Table}
 * @param properties its properties, unresolved
 * @param dependsOn the logical ids of its {@code DependsOn}
 * @param metadata its {@code Metadata} (a CDK asset's path, the construct path...)
 */
public record Resource(
    String logicalId,
    String type,
    Map<String, Object> properties,
    List<String> dependsOn,
    Map<String, Object> metadata) {

  /** The metadata key under which CDK names a resource's asset, relative to the cloud assembly. */
  static final String ASSET_PATH = "aws:asset:path";

  /** The metadata key under which CDK names a resource's construct path. */
  static final String CDK_PATH = "aws:cdk:path";

  public Resource {
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    dependsOn = List.copyOf(dependsOn);
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }

  /** A resource without metadata. */
  public Resource(
      String logicalId, String type, Map<String, Object> properties, List<String> dependsOn) {
    this(logicalId, type, properties, dependsOn, Map.of());
  }

  /** The CDK asset its code or content comes from ({@code aws:asset:path}), if any. */
  public Optional<String> assetPath() {
    return metadata.get(ASSET_PATH) instanceof String path ? Optional.of(path) : Optional.empty();
  }

  /**
   * The path of the CDK construct it was synthesized from, within its stack and without the final
   * {@code /Resource} ({@code PlaceOrder/Function} for {@code idem-orders-dev/PlaceOrder/Function/
   * Resource}), if the template is a CDK stack's.
   */
  public Optional<String> constructPath() {
    if (!(metadata.get(CDK_PATH) instanceof String path) || path.indexOf('/') < 0) {
      return Optional.empty();
    }
    String inStack = path.substring(path.indexOf('/') + 1);
    return Optional.of(
        inStack.endsWith("/Resource")
            ? inStack.substring(0, inStack.length() - "/Resource".length())
            : inStack);
  }
}
