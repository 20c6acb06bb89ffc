package dev.idem.infra.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read access to a template held as plain maps: resources by type, properties, references. */
public record CfnTemplate(Map<String, Object> json) {

  /** Every resource by logical id. */
  @SuppressWarnings("unchecked")
  public Map<String, Map<String, Object>> resources() {
    return (Map<String, Map<String, Object>>) json.getOrDefault("Resources", Map.of());
  }

  /** The resources of {@code type} by logical id, in template order. */
  public Map<String, Map<String, Object>> ofType(String type) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    resources()
        .forEach((id, r) -> {
          if (type.equals(r.get("Type"))) {
            found.put(id, r);
          }
        });
    return found;
  }

  /** The properties of resource {@code id} (empty when it has none). */
  public Map<String, Object> properties(String id) {
    return properties(resources().get(id));
  }

  /** The type of resource {@code id}, or null when there is none. */
  public String typeOf(String id) {
    Map<String, Object> resource = resources().get(id);
    return resource == null ? null : (String) resource.get("Type");
  }

  /** The properties of {@code resource} (empty when it has none). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  /** The value at {@code keys} under {@code node}, or null where the path ends. */
  public static Object at(Object node, String... keys) {
    Object current = node;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  /** The logical id {@code value} refers to ({@code Ref} or {@code Fn::GetAtt}), or null. */
  public static String target(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1) {
      Object ref = map.get("Ref");
      if (ref instanceof String id) {
        return id;
      }
      if (map.get("Fn::GetAtt") instanceof List<?> att) {
        return (String) att.get(0);
      }
    }
    return null;
  }

  /** Every logical id referred to anywhere inside {@code value}, in order of appearance. */
  public static List<String> targets(Object value) {
    List<String> found = new ArrayList<>();
    collect(value, found);
    return found;
  }

  private static void collect(Object value, List<String> found) {
    String target = target(value);
    if (target != null) {
      found.add(target);
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, found));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collect(v, found));
    }
  }

  /** The statements of the identity policies attached to role {@code roleId}. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> statementsOfRole(String roleId) {
    List<Map<String, Object>> statements = new ArrayList<>();
    ofType("AWS::IAM::Policy")
        .values()
        .forEach(policy -> {
          if (targets(at(policy, "Properties", "Roles")).contains(roleId)) {
            list(at(policy, "Properties", "PolicyDocument", "Statement"))
                .forEach(s -> statements.add((Map<String, Object>) s));
          }
        });
    return statements;
  }

  /** The single resource of {@code type}. */
  public Map<String, Object> only(String type) {
    Map<String, Map<String, Object>> found = ofType(type);
    if (found.size() != 1) {
      throw new AssertionError("Expected one " + type + ", found " + found.keySet());
    }
    return found.values().iterator().next();
  }

  /** Items of a value that may be one item or a list of them. */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> list ? (List<Object>) list : List.of(value);
  }
}
