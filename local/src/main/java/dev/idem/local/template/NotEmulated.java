package dev.idem.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a template declares that the local cloud accepts but does not emulate: resource types (IAM
 * roles, log groups, queue policies...) and properties (policies, tracing, encryption...). Nothing
 * is dropped silently: the CLI prints {@link #summary()} as one line at start.
 */
public final class NotEmulated {

  /**
   * One item not emulated.
   *
   * @param where the resource's logical id, or {@code Resource.Property} for a property
   * @param what the resource type, or the property's name (with a short note where useful)
   */
  public record Item(String where, String what) {}

  private final Set<Item> resources = new LinkedHashSet<>();
  private final Set<Item> properties = new LinkedHashSet<>();

  void resource(String logicalId, String type) {
    resources.add(new Item(logicalId, type));
  }

  void property(String where, String what) {
    properties.add(new Item(where, what));
  }

  /** Resources not emulated, each as (logical id, type), in template order. */
  public List<Item> resources() {
    return List.copyOf(resources);
  }

  /**
   * Properties not emulated, each as (Resource.Property path, property name), in template order.
   */
  public List<Item> properties() {
    return List.copyOf(properties);
  }

  /** Whether everything the template declares is emulated. */
  public boolean isEmpty() {
    return resources.isEmpty() && properties.isEmpty();
  }

  /**
   * One line for the console, grouped by type and by property, e.g. {@code not emulated: resources
   * AWS::IAM::Role ApiRole, AWS::Logs::LogGroup ×6; properties Policies ×6, Tracing ×6}; {@code
   * "not emulated: nothing"} when empty.
   */
  public String summary() {
    if (isEmpty()) {
      return "not emulated: nothing";
    }
    List<String> parts = new ArrayList<>();
    if (!resources.isEmpty()) {
      parts.add("resources " + grouped(resources));
    }
    if (!properties.isEmpty()) {
      parts.add("properties " + grouped(properties));
    }
    return "not emulated: " + String.join("; ", parts);
  }

  private static String grouped(Set<Item> items) {
    Map<String, List<String>> byWhat = new LinkedHashMap<>();
    items.forEach(
        item -> byWhat.computeIfAbsent(item.what(), k -> new ArrayList<>()).add(item.where()));
    List<String> groups = new ArrayList<>();
    byWhat.forEach((what, wheres) ->
        groups.add(
            wheres.size() == 1 ? what + " (" + wheres.get(0) + ")" : what + " ×" + wheres.size()));
    return String.join(", ", groups);
  }
}
