package dev.idem.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.testing.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation's intrinsic functions in a value tree: Ref, Fn::GetAtt, Fn::Sub (both
 * forms), Fn::If with AWS::NoValue, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::Equals,
 * Fn::Not, Fn::And, Fn::Or, Fn::Base64, Fn::GetAZs, Fn::Length, Fn::ToJsonString, the rule
 * functions Fn::Contains, Fn::EachMemberEquals and Fn::EachMemberIn, and the pseudo parameters
 * (AWS::StackName from the {@link StackContext}). Fn::ImportValue resolves to the export of another
 * stack of the cloud assembly; an export nobody declares resolves to its own name and is reported
 * as not emulated.
 */
final class Intrinsics {

  /** AWS::NoValue: removed from the enclosing map or list. */
  static final Object NO_VALUE = new Object();

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Template template;
  private final ResourceIds ids;
  private final NotEmulated notes;

  Intrinsics(Template template, ResourceIds ids, NotEmulated notEmulated) {
    this.template = template;
    this.ids = ids;
    this.notes = notEmulated;
  }

  /** Resolves {@code value}; {@code where} names its place for error messages. */
  Object resolve(Object value, String where) {
    return switch (value) {
      case Map<?, ?> map when isFunction(map) -> function(map, where);
      case Map<?, ?> map -> resolveMap(map, where);
      case List<?> list -> resolveList(list, where);
      case null, default -> value;
    };
  }

  /** Resolves {@code value} to a string (numbers and booleans as written). */
  String resolveString(Object value, String where) {
    Object resolved = resolve(value, where);
    if (resolved instanceof String || resolved instanceof Number || resolved instanceof Boolean) {
      return String.valueOf(resolved);
    }
    throw new TemplateException(where + ": expected a string, got " + describe(resolved));
  }

  /** Evaluates a condition expression (Fn::Equals/Not/And/Or, {"Condition": name}). */
  boolean condition(Object expression, String where) {
    if (expression instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("Condition")) {
      return template.condition(String.valueOf(map.get("Condition")), where);
    }
    Object resolved = resolve(expression, where);
    if (resolved instanceof Boolean bool) {
      return bool;
    }
    if ("true".equals(resolved) || "false".equals(resolved)) {
      return Boolean.parseBoolean((String) resolved);
    }
    throw new TemplateException(
        where + ": a condition must be true or false: " + describe(resolved));
  }

  private static boolean isFunction(Map<?, ?> map) {
    if (map.size() != 1) {
      return false;
    }
    String key = String.valueOf(map.keySet().iterator().next());
    return key.equals("Ref") || key.startsWith("Fn::");
  }

  private Map<String, Object> resolveMap(Map<?, ?> map, String where) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((key, item) -> {
      Object resolved = resolve(item, where + "." + key);
      if (resolved != NO_VALUE) {
        out.put(String.valueOf(key), resolved);
      }
    });
    return out;
  }

  private List<Object> resolveList(List<?> list, String where) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object resolved = resolve(list.get(i), where + "[" + i + "]");
      if (resolved != NO_VALUE) {
        out.add(resolved);
      }
    }
    return out;
  }

  private Object function(Map<?, ?> map, String where) {
    String name = String.valueOf(map.keySet().iterator().next());
    Object argument = map.values().iterator().next();
    String at = where + " (" + name + ")";
    return switch (name) {
      case "Ref" -> ref(resolveString(argument, at), at);
      case "Fn::GetAtt" -> getAtt(argument, at);
      case "Fn::Sub" -> sub(argument, at);
      case "Fn::If" -> ifThen(argument, at);
      case "Fn::Join" -> join(argument, at);
      case "Fn::Select" -> select(argument, at);
      case "Fn::Split" -> split(argument, at);
      case "Fn::FindInMap" -> findInMap(argument, at);
      case "Fn::Equals" -> equalsFunction(argument, at);
      case "Fn::Not" -> !condition(single(args(argument, 1, at)), at);
      case "Fn::And" -> args(argument, -1, at).stream().allMatch(c -> condition(c, at));
      case "Fn::Or" -> args(argument, -1, at).stream().anyMatch(c -> condition(c, at));
      case "Fn::Base64" ->
          Base64.getEncoder()
              .encodeToString(resolveString(argument, at).getBytes(StandardCharsets.UTF_8));
      case "Fn::GetAZs" ->
          List.of(LocalAccount.REGION + "a", LocalAccount.REGION + "b", LocalAccount.REGION + "c");
      case "Fn::Length" -> asList(resolve(argument, at), at).size();
      case "Fn::ToJsonString" -> toJson(resolve(argument, at), at);
      case "Fn::ImportValue" -> importValue(argument, at);
      case "Fn::Contains" -> contains(argument, at);
      case "Fn::EachMemberEquals" -> eachMemberEquals(argument, at);
      case "Fn::EachMemberIn" -> eachMemberIn(argument, at);
      default -> throw new TemplateException(at + ": " + name + " is not supported locally");
    };
  }

  private Object ref(String name, String where) {
    Object pseudo = pseudo(name);
    if (pseudo != null) {
      return pseudo;
    }
    if (name.equals("AWS::NoValue")) {
      return NO_VALUE;
    }
    if (template.parameters().containsKey(name)) {
      return template.parameters().get(name);
    }
    if (template.hasResource(name)) {
      return ids.ref(name);
    }
    if (template.isSamGenerated(name)) {
      notes.property(where, "SAM-generated " + name);
      return name;
    }
    throw new TemplateException(where + ": Ref to " + name + ", which is no parameter or resource");
  }

  private Object pseudo(String name) {
    String stack = template.context().stackName();
    return switch (name) {
      case "AWS::Region" -> LocalAccount.REGION;
      case "AWS::AccountId" -> LocalAccount.ID;
      case "AWS::StackName" -> stack;
      case "AWS::StackId" ->
          LocalAccount.arn(
              "cloudformation", "stack/" + stack + "/00000000-0000-0000-0000-000000000000");
      case "AWS::Partition" -> "aws";
      case "AWS::URLSuffix" -> "amazonaws.com";
      case "AWS::NotificationARNs" -> List.of();
      default -> null;
    };
  }

  private Object getAtt(Object argument, String where) {
    List<?> parts =
        argument instanceof String text ? List.of(text.split("\\.", 2)) : args(argument, 2, where);
    if (parts.size() != 2) {
      throw new TemplateException(where + ": expected [Resource, Attribute]");
    }
    String logicalId = resolveString(parts.get(0), where);
    String attribute = resolveString(parts.get(1), where);
    if (!template.hasResource(logicalId) && template.isSamGenerated(logicalId)) {
      notes.property(where, "SAM-generated " + logicalId);
      return attribute.equals("Arn")
          ? LocalAccount.arn("cloudformation", logicalId)
          : logicalId + "." + attribute;
    }
    if (!template.hasResource(logicalId)) {
      throw new TemplateException(where + ": GetAtt of " + logicalId + ", which is no resource");
    }
    return ids.getAtt(logicalId, attribute);
  }

  private String sub(Object argument, String where) {
    String text;
    Map<String, Object> variables = Map.of();
    if (argument instanceof List<?> list) {
      if (list.size() != 2 || !(list.get(1) instanceof Map<?, ?>)) {
        throw new TemplateException(where + ": expected [String, {Variables}]");
      }
      text = resolveString(list.get(0), where);
      variables = resolveMap((Map<?, ?>) list.get(1), where);
    } else {
      text = resolveString(argument, where);
    }
    return substitute(text, variables, where);
  }

  private String substitute(String text, Map<String, Object> variables, String where) {
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1).trim();
      String replacement;
      if (name.startsWith("!")) {
        replacement = "${" + name.substring(1) + "}";
      } else if (variables.containsKey(name)) {
        replacement = scalar(variables.get(name), where + " ${" + name + "}");
      } else if (name.contains(".") && !name.startsWith("AWS::")) {
        String[] parts = name.split("\\.", 2);
        replacement = scalar(getAtt(List.of(parts[0], parts[1]), where), where);
      } else {
        replacement = scalar(ref(name, where), where + " ${" + name + "}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private Object ifThen(Object argument, String where) {
    List<?> parts = args(argument, 3, where);
    boolean holds = template.condition(resolveString(parts.get(0), where), where);
    return resolve(holds ? parts.get(1) : parts.get(2), where);
  }

  private String join(Object argument, String where) {
    List<?> parts = args(argument, 2, where);
    String delimiter = resolveString(parts.get(0), where);
    List<String> items = new ArrayList<>();
    for (Object item : asList(resolve(parts.get(1), where), where)) {
      items.add(scalar(item, where));
    }
    return String.join(delimiter, items);
  }

  private Object select(Object argument, String where) {
    List<?> parts = args(argument, 2, where);
    int index = Integer.parseInt(resolveString(parts.get(0), where));
    List<?> list = asList(resolve(parts.get(1), where), where);
    if (index < 0 || index >= list.size()) {
      throw new TemplateException(where + ": index " + index + " outside a list of " + list.size());
    }
    return list.get(index);
  }

  private List<String> split(Object argument, String where) {
    List<?> parts = args(argument, 2, where);
    String delimiter = resolveString(parts.get(0), where);
    return List.of(resolveString(parts.get(1), where).split(Pattern.quote(delimiter), -1));
  }

  private Object findInMap(Object argument, String where) {
    List<?> parts = args(argument, -1, where);
    if (parts.size() < 3) {
      throw new TemplateException(where + ": expected [MapName, TopLevelKey, SecondLevelKey]");
    }
    String map = resolveString(parts.get(0), where);
    String top = resolveString(parts.get(1), where);
    String second = resolveString(parts.get(2), where);
    Object found = template.mapping(map, top, second);
    if (found == null && parts.size() == 4 && parts.get(3) instanceof Map<?, ?> options) {
      return resolve(options.get("DefaultValue"), where);
    }
    if (found == null) {
      throw new TemplateException(
          where + ": no " + map + "." + top + "." + second + " in Mappings");
    }
    return found;
  }

  private boolean equalsFunction(Object argument, String where) {
    List<?> parts = args(argument, 2, where);
    Object left = resolve(parts.get(0), where);
    Object right = resolve(parts.get(1), where);
    return String.valueOf(left).equals(String.valueOf(right));
  }

  /** Rules: whether the list holds the value. */
  private boolean contains(Object argument, String where) {
    List<?> parts = args(argument, 2, where);
    return strings(resolve(parts.get(0), where), where)
        .contains(scalar(resolve(parts.get(1), where), where));
  }

  /** Rules: whether every member of the list equals the value. */
  private boolean eachMemberEquals(Object argument, String where) {
    List<?> parts = args(argument, 2, where);
    String value = scalar(resolve(parts.get(1), where), where);
    return strings(resolve(parts.get(0), where), where).stream().allMatch(value::equals);
  }

  /** Rules: whether every member of the first list is in the second. */
  private boolean eachMemberIn(Object argument, String where) {
    List<?> parts = args(argument, 2, where);
    List<String> allowed = strings(resolve(parts.get(1), where), where);
    return allowed.containsAll(strings(resolve(parts.get(0), where), where));
  }

  private List<String> strings(Object value, String where) {
    if (value instanceof List<?> list) {
      return list.stream().map(item -> scalar(item, where)).toList();
    }
    return List.of(scalar(value, where));
  }

  private String importValue(Object argument, String where) {
    String export = resolveString(argument, where);
    String value = template.context().exports().get(export);
    if (value != null) {
      return value;
    }
    notes.property(where, "Fn::ImportValue " + export + " (cross-stack import)");
    return export;
  }

  private static String toJson(Object value, String where) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new TemplateException(where + ": cannot write as JSON", e);
    }
  }

  private String scalar(Object value, String where) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw new TemplateException(where + ": expected a string, got " + describe(value));
  }

  private List<?> args(Object argument, int size, String where) {
    Object resolved = argument instanceof List<?> ? argument : resolve(argument, where);
    if (!(resolved instanceof List<?> list) || (size >= 0 && list.size() != size)) {
      String expected = size >= 0 ? "a list of " + size : "a list";
      throw new TemplateException(where + ": expected " + expected + ", got " + describe(resolved));
    }
    return list;
  }

  private static Object single(List<?> list) {
    return list.get(0);
  }

  private static List<?> asList(Object value, String where) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new TemplateException(where + ": expected a list, got " + describe(value));
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
  }
}
