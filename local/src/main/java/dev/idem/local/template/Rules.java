package dev.idem.local.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template's {@code Rules} section, checked as CloudFormation checks it before it creates
 * anything: each rule whose {@code RuleCondition} holds (or that has none) must see every {@code
 * Assert} of its {@code Assertions} hold. CDK's {@code CheckBootstrapVersion} is such a rule; it
 * passes because the bootstrap version parameter takes the current bootstrap template's version
 * (see {@link Parameters}).
 */
final class Rules {

  /** Rule functions over parameter attributes that only an AWS account can answer. */
  private static final Set<String> ACCOUNT_FUNCTIONS =
      Set.of("Fn::ValueOf", "Fn::ValueOfAll", "Fn::RefAll");

  private Rules() {}

  /**
   * Checks every rule; a rule that asks about the account is reported instead.
   *
   * @throws TemplateException naming the rule and its {@code AssertDescription} when an assertion
   *     fails, or the rule when it is malformed
   */
  static void check(Map<String, Object> rules, Intrinsics intrinsics, NotEmulated notes) {
    rules.forEach((name, body) -> {
      String where = "Rules." + name;
      if (!(body instanceof Map<?, ?> rule)) {
        throw new TemplateException(where + " is not a mapping");
      }
      String function = accountFunction(rule);
      if (function != null) {
        notes.property(where, "Rules using " + function);
      } else if (applies(rule, intrinsics, where)) {
        assertions(rule, where).forEach(assertion -> check(assertion, intrinsics, where));
      }
    });
  }

  private static boolean applies(Map<?, ?> rule, Intrinsics intrinsics, String where) {
    Object condition = rule.get("RuleCondition");
    return condition == null || intrinsics.condition(condition, where + ".RuleCondition");
  }

  private static List<?> assertions(Map<?, ?> rule, String where) {
    Object assertions = rule.get("Assertions");
    if (!(assertions instanceof List<?> list)) {
      throw new TemplateException(where + ".Assertions must be a list");
    }
    return list;
  }

  private static void check(Object assertion, Intrinsics intrinsics, String where) {
    if (!(assertion instanceof Map<?, ?> map) || !map.containsKey("Assert")) {
      throw new TemplateException(where + ": each assertion needs an Assert");
    }
    if (!intrinsics.condition(map.get("Assert"), where + ".Assert")) {
      Object description = map.get("AssertDescription");
      throw new TemplateException(
          where + ": assertion failed" + (description == null ? "" : ": " + description));
    }
  }

  private static String accountFunction(Object value) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (ACCOUNT_FUNCTIONS.contains(String.valueOf(entry.getKey()))) {
          return String.valueOf(entry.getKey());
        }
        String inner = accountFunction(entry.getValue());
        if (inner != null) {
          return inner;
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        String inner = accountFunction(item);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }
}
