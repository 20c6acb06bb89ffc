package dev.idem.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What other resources attach to the template's functions: events (event source mappings, REST API
 * methods, HTTP API routes), aliases and {@code EventInvokeConfig}s, by the function's logical id.
 */
final class Attachments {

  private final Map<String, List<FunctionEvent>> events = new LinkedHashMap<>();
  private final Map<String, List<FunctionAlias>> aliases = new LinkedHashMap<>();
  private final Map<String, InvokeConfig> invokeConfigs = new LinkedHashMap<>();

  void event(String functionLogicalId, FunctionEvent event) {
    events.computeIfAbsent(functionLogicalId, k -> new ArrayList<>()).add(event);
  }

  void alias(String functionLogicalId, FunctionAlias alias) {
    aliases.computeIfAbsent(functionLogicalId, k -> new ArrayList<>()).add(alias);
  }

  void attachInvokeConfig(String functionLogicalId, InvokeConfig config) {
    invokeConfigs.put(functionLogicalId, config);
  }

  /**
   * The function's {@code AWS::Lambda::EventInvokeConfig} over {@code own} (what the function
   * itself declares): the dead-letter queue stays the function's.
   */
  InvokeConfig invokeConfig(String functionLogicalId, InvokeConfig own) {
    InvokeConfig attached = invokeConfigs.get(functionLogicalId);
    return attached == null ? own : attached.withDeadLetter(own.deadLetterArn());
  }

  List<FunctionEvent> events(String functionLogicalId) {
    return events.getOrDefault(functionLogicalId, List.of());
  }

  List<FunctionAlias> aliases(String functionLogicalId) {
    return aliases.getOrDefault(functionLogicalId, List.of());
  }
}
