package dev.idem.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAM's Globals: each section's properties merged into every resource of its type. Maps merge (the
 * resource's keys win), lists concatenate (globals first), anything else the resource's value wins.
 */
final class Globals {

  private static final Map<String, String> SECTIONS =
      Map.of(
          "Function", "AWS::Serverless::Function",
          "Api", "AWS::Serverless::Api",
          "HttpApi", "AWS::Serverless::HttpApi",
          "SimpleTable", "AWS::Serverless::SimpleTable",
          "StateMachine", "AWS::Serverless::StateMachine",
          "LayerVersion", "AWS::Serverless::LayerVersion");

  private Globals() {}

  @SuppressWarnings("unchecked")
  static Resource apply(Map<String, Object> globals, Resource resource) {
    for (Map.Entry<String, Object> section : globals.entrySet()) {
      if (resource.type().equals(SECTIONS.get(section.getKey()))
          && section.getValue() instanceof Map<?, ?> values) {
        Map<String, Object> merged = (Map<String, Object>) merge(values, resource.properties());
        return new Resource(
            resource.logicalId(),
            resource.type(),
            merged,
            resource.dependsOn(),
            resource.metadata());
      }
    }
    return resource;
  }

  static Object merge(Object global, Object local) {
    if (global instanceof Map<?, ?> globalMap
        && local instanceof Map<?, ?> localMap
        && !isIntrinsic(globalMap)
        && !isIntrinsic(localMap)) {
      Map<String, Object> merged = new LinkedHashMap<>();
      globalMap.forEach((k, v) -> merged.put(String.valueOf(k), v));
      localMap.forEach((k, v) -> merged.merge(String.valueOf(k), v, (g, l) -> merge(g, l)));
      return merged;
    }
    if (global instanceof List<?> globalList && local instanceof List<?> localList) {
      List<Object> merged = new ArrayList<>(globalList);
      merged.addAll(localList);
      return merged;
    }
    return local;
  }

  private static boolean isIntrinsic(Map<?, ?> map) {
    if (map.size() != 1) {
      return false;
    }
    String key = String.valueOf(map.keySet().iterator().next());
    return key.equals("Ref") || key.startsWith("Fn::");
  }
}
