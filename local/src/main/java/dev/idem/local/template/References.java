package dev.idem.local.template;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the names a value tree refers to through Ref, Fn::GetAtt and Fn::Sub. */
final class References {

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

  private References() {}

  static void collect(Object value, Set<String> found) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> collectEntry(String.valueOf(key), item, found));
    } else if (value instanceof List<?> list) {
      list.forEach(item -> collect(item, found));
    }
  }

  private static void collectEntry(String key, Object item, Set<String> found) {
    switch (key) {
      case "Ref" -> {
        if (item instanceof String name) {
          found.add(name);
        }
      }
      case "Fn::GetAtt" -> {
        if (item instanceof List<?> parts && !parts.isEmpty()) {
          found.add(String.valueOf(parts.get(0)));
        } else if (item instanceof String text) {
          found.add(text.split("\\.", 2)[0]);
        }
      }
      case "Fn::Sub" -> {
        Object text = item instanceof List<?> parts && !parts.isEmpty() ? parts.get(0) : item;
        if (text instanceof String template) {
          Matcher matcher = SUB_VARIABLE.matcher(template);
          while (matcher.find()) {
            found.add(matcher.group(1).trim().split("\\.", 2)[0]);
          }
        }
      }
      default -> {}
    }
    collect(item, found);
  }
}
