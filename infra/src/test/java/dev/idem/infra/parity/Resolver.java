package dev.idem.infra.parity;

import dev.idem.infra.support.CfnTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates what a template decides by itself: parameters (their defaults), conditions, {@code
 * Fn::If}, {@code Fn::Sub} over parameters, {@code AWS::NoValue}. References to resources and
 * pseudo parameters stay as they are.
 */
final class Resolver {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

  private final CfnTemplate template;
  private final Map<String, Object> parameters;

  Resolver(CfnTemplate template) {
    this.template = template;
    this.parameters = new LinkedHashMap<>();
    if (template.json().get("Parameters") instanceof Map<?, ?> declared) {
      declared.forEach(
          (name, spec) -> parameters.put((String) name, CfnTemplate.at(spec, "Default")));
    }
  }

  /** {@code value} with everything the template decides by itself evaluated; null for NoValue. */
  Object resolve(Object value) {
    if (value instanceof Map<?, ?> map) {
      return resolveMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> resolved = new ArrayList<>();
      for (Object item : list) {
        Object r = resolve(item);
        if (r != null) {
          resolved.add(r);
        }
      }
      return resolved;
    }
    return value;
  }

  private Object resolveMap(Map<?, ?> map) {
    if (map.size() == 1 && map.get("Ref") instanceof String ref) {
      if (ref.equals("AWS::NoValue")) {
        return null;
      }
      return parameters.containsKey(ref) ? parameters.get(ref) : map;
    }
    if (map.size() == 1 && map.get("Fn::If") instanceof List<?> choice) {
      return resolve(condition((String) choice.get(0)) ? choice.get(1) : choice.get(2));
    }
    if (map.size() == 1 && map.get("Fn::Sub") instanceof String text) {
      String substituted = substitute(text);
      return VARIABLE.matcher(substituted).find() ? Map.of("Fn::Sub", substituted) : substituted;
    }
    Map<String, Object> resolved = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      Object r = resolve(v);
      if (r != null) {
        resolved.put((String) k, r);
      }
    });
    return resolved;
  }

  private String substitute(String text) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      Object value = parameters.get(name);
      m.appendReplacement(
          out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  boolean condition(String name) {
    Object spec = CfnTemplate.at(template.json(), "Conditions", name);
    if (spec == null) {
      throw new IllegalArgumentException("No condition " + name);
    }
    return evaluate(spec);
  }

  private boolean evaluate(Object spec) {
    Map<?, ?> map = (Map<?, ?>) spec;
    if (map.get("Condition") instanceof String name) {
      return condition(name);
    }
    if (map.get("Fn::Equals") instanceof List<?> pair) {
      return String.valueOf(resolve(pair.get(0))).equals(String.valueOf(resolve(pair.get(1))));
    }
    if (map.get("Fn::Not") instanceof List<?> one) {
      return !evaluate(one.get(0));
    }
    if (map.get("Fn::And") instanceof List<?> all) {
      return all.stream().allMatch(this::evaluate);
    }
    if (map.get("Fn::Or") instanceof List<?> any) {
      return any.stream().anyMatch(this::evaluate);
    }
    throw new IllegalArgumentException("Cannot evaluate condition " + spec);
  }
}
