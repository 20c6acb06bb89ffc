package dev.idem.local.template;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Parameter values: overrides over defaults, checked against AllowedValues and AllowedPattern. An
 * SSM parameter type takes its default as its value (reported), except CDK's bootstrap version
 * ({@code /cdk-bootstrap/<qualifier>/version}): the local cloud needs no bootstrap stack, so it
 * answers the version of the current bootstrap template and CDK's {@code CheckBootstrapVersion}
 * rule passes.
 */
final class Parameters {

  /** The {@code CdkBootstrapVersion} of the bootstrap template of the CDK CLI (aws-cdk 2.1148). */
  static final String CDK_BOOTSTRAP_VERSION = "34";

  private static final java.util.regex.Pattern CDK_BOOTSTRAP_PARAMETER =
      java.util.regex.Pattern.compile("/cdk-bootstrap/[^/]+/version");

  private Parameters() {}

  static Map<String, Object> resolve(
      Map<String, Object> declared, Map<String, String> overrides, NotEmulated notes) {
    for (String name : overrides.keySet()) {
      if (!declared.containsKey(name)) {
        throw new TemplateException(
            "Parameter "
                + name
                + " is not declared; the template declares "
                + new TreeSet<>(declared.keySet()));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    declared.forEach((name, body) -> {
      Map<?, ?> spec = body instanceof Map<?, ?> map ? map : Map.of();
      String type = String.valueOf(spec.get("Type"));
      String text = overrides.containsKey(name) ? overrides.get(name) : textOf(spec.get("Default"));
      if (text == null) {
        throw new TemplateException(
            "Parameter " + name + " has no Default: pass a value, --parameter " + name + "=VALUE");
      }
      check(name, type, text, spec);
      if (isCdkBootstrapVersion(type, text) && !overrides.containsKey(name)) {
        text = CDK_BOOTSTRAP_VERSION;
      } else if (type.startsWith("AWS::SSM::Parameter::Value")) {
        notes.property(
            "Parameters." + name, "SSM parameter types (the default is used as the value)");
      }
      values.put(name, isList(type) ? List.of(text.split("\\s*,\\s*", -1)) : text);
    });
    return values;
  }

  private static boolean isCdkBootstrapVersion(String type, String text) {
    return type.startsWith("AWS::SSM::Parameter::Value")
        && CDK_BOOTSTRAP_PARAMETER.matcher(text).matches();
  }

  private static String textOf(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  private static boolean isList(String type) {
    return type.equals("CommaDelimitedList") || type.startsWith("List<");
  }

  private static void check(String name, String type, String text, Map<?, ?> spec) {
    if (type.equals("Number")) {
      try {
        Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new TemplateException("Parameter " + name + " must be a number, got '" + text + "'");
      }
    }
    if (spec.get("AllowedValues") instanceof List<?> allowed
        && allowed.stream().map(String::valueOf).noneMatch(text::equals)) {
      throw new TemplateException(
          "Parameter "
              + name
              + " is '"
              + text
              + "', not one of "
              + Arrays.toString(allowed.toArray()));
    }
    if (spec.get("AllowedPattern") instanceof String pattern && !text.matches(pattern)) {
      throw new TemplateException(
          "Parameter " + name + " is '" + text + "', which does not match " + pattern);
    }
  }
}
