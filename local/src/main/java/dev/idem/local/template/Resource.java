package dev.idem.local.template;

import java.util.List;
import java.util.Map;

/**
 * One resource of a template as written (intrinsics unresolved), with the Globals section merged
 * into serverless resources.
 *
 * @param logicalId its logical id
 * @param type its type, e.g. {@code AWS::DynamoDB::Table}
 * @param properties its properties, unresolved
 * @param dependsOn the logical ids of its {@code DependsOn}
 */
public record Resource(
    String logicalId, String type, Map<String, Object> properties, List<String> dependsOn) {

  public Resource {
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    dependsOn = List.copyOf(dependsOn);
  }
}
