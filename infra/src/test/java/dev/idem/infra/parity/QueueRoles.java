package dev.idem.infra.parity;

import static dev.idem.infra.support.CfnTemplate.at;
import static dev.idem.infra.support.CfnTemplate.target;

import dev.idem.infra.parity.TemplateModel.FunctionView;
import dev.idem.infra.support.CfnTemplate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Names each queue by what it does: the queue a handler consumes, the dead letters of a queue, the
 * failures of a stream consumer, the events no rule could deliver, a rule target nobody consumes.
 */
final class QueueRoles {

  private final CfnTemplate template;
  private final Map<String, String> consumers = new HashMap<>();
  private final Map<String, String> failuresOf = new HashMap<>();
  private final Map<String, String> deadLettersOf = new HashMap<>();
  private final Set<String> ruleDeadLetters = new HashSet<>();
  private final Set<String> ruleTargets = new HashSet<>();

  QueueRoles(CfnTemplate template, Collection<FunctionView> functions) {
    this.template = template;
    for (FunctionView fn : functions) {
      String handler = simpleName(fn.handler());
      fn.events()
          .forEach(e -> {
            if (e.type().equals("SQS")) {
              consumers.put(e.sourceId(), handler);
            }
            if (e.onFailureId() != null) {
              failuresOf.put(e.onFailureId(), handler);
            }
          });
    }
    template
        .ofType("AWS::SQS::Queue")
        .forEach((id, q) -> {
          String dlq = target(at(q, "Properties", "RedrivePolicy", "deadLetterTargetArn"));
          if (dlq != null) {
            deadLettersOf.put(dlq, id);
          }
        });
    template
        .ofType("AWS::Events::Rule")
        .values()
        .forEach(rule ->
            CfnTemplate.list(at(rule, "Properties", "Targets"))
                .forEach(t -> {
                  ruleTargets.add(target(at(t, "Arn")));
                  ruleDeadLetters.add(target(at(t, "DeadLetterConfig", "Arn")));
                }));
  }

  Map<String, String> roles() {
    Map<String, String> roles = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (String id : template.ofType("AWS::SQS::Queue").keySet()) {
      String role = role(id);
      if (!seen.add(role)) {
        throw new IllegalStateException("Two queues have the role '" + role + "'");
      }
      roles.put(id, role);
    }
    return roles;
  }

  private String role(String id) {
    if (consumers.containsKey(id)) {
      return "queue of " + consumers.get(id);
    }
    if (deadLettersOf.containsKey(id)) {
      return "dead letters of " + role(deadLettersOf.get(id));
    }
    if (failuresOf.containsKey(id)) {
      return "failures of " + failuresOf.get(id);
    }
    if (ruleDeadLetters.contains(id)) {
      return "events no rule could deliver";
    }
    return ruleTargets.contains(id) ? "rule target without consumer" : "unused queue " + id;
  }

  private static String simpleName(String handler) {
    String type = handler.split("::")[0];
    return type.substring(type.lastIndexOf('.') + 1);
  }
}
