package dev.idem.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What other resources attach to the template's functions: events (event source mappings, REST API
 * methods, HTTP API routes) and aliases, by the function's logical id.
 */
final class Attachments {

  private final Map<String, List<FunctionEvent>> events = new LinkedHashMap<>();
  private final Map<String, List<FunctionAlias>> aliases = new LinkedHashMap<>();

  void event(String functionLogicalId, FunctionEvent event) {
    events.computeIfAbsent(functionLogicalId, k -> new ArrayList<>()).add(event);
  }

  void alias(String functionLogicalId, FunctionAlias alias) {
    aliases.computeIfAbsent(functionLogicalId, k -> new ArrayList<>()).add(alias);
  }

  List<FunctionEvent> events(String functionLogicalId) {
    return events.getOrDefault(functionLogicalId, List.of());
  }

  List<FunctionAlias> aliases(String functionLogicalId) {
    return aliases.getOrDefault(functionLogicalId, List.of());
  }
}
