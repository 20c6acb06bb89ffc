package dev.idem.infra.parity;

import java.util.Map;
import java.util.Set;

/**
 * A deployed system as roles and settings, the same whichever template declared it (see {@link
 * Shapes}).
 *
 * @param functions by handler
 * @param tables by the environment variables that name them
 * @param queues by role
 * @param rules by pattern, bus and targets
 * @param routes the API's routes
 * @param api the API's stage settings and access logs
 * @param requestValidation the API's request models, validators and invalid-body response
 * @param buses the event buses' names
 * @param outputs the stack outputs' names
 */
record SystemShape(
    Map<String, Object> functions,
    Map<String, Object> tables,
    Map<String, Object> queues,
    Set<Object> rules,
    Set<Object> routes,
    Object api,
    Object requestValidation,
    Set<Object> buses,
    Set<String> outputs) {

  /** Reads {@code model}. */
  static SystemShape of(TemplateModel model) {
    return Shapes.of(model);
  }
}
