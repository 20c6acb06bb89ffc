package dev.idem.local.template;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resource's (or a nested block's) properties, resolved on access. What is never read is what the
 * local cloud does not emulate: {@link #reportUnread} hands it to {@link NotEmulated}.
 */
final class Props {

  private final Map<?, ?> raw;
  private final String where;
  private final Intrinsics intrinsics;
  private final Set<String> read = new LinkedHashSet<>();

  Props(Map<?, ?> raw, String where, Intrinsics intrinsics) {
    this.raw = raw;
    this.where = where;
    this.intrinsics = intrinsics;
  }

  String where() {
    return where;
  }

  boolean has(String key) {
    return value(key) != null;
  }

  Object value(String key) {
    read.add(key);
    Object resolved = intrinsics.resolve(raw.get(key), where + "." + key);
    return resolved == Intrinsics.NO_VALUE ? null : resolved;
  }

  /** Marks keys as read without using them: they have no meaning locally, and no effect to miss. */
  void ignore(String... keys) {
    read.addAll(List.of(keys));
  }

  String string(String key) {
    Object value = value(key);
    return value == null ? null : intrinsics.resolveString(value, where + "." + key);
  }

  String string(String key, String fallback) {
    String value = string(key);
    return value == null ? fallback : value;
  }

  String required(String key) {
    String value = string(key);
    if (value == null) {
      throw new TemplateException(where + ": " + key + " is required");
    }
    return value;
  }

  Integer integer(String key) {
    String text = string(key);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TemplateException(
          where + "." + key + " must be a whole number, got '" + text + "'");
    }
  }

  int integer(String key, int fallback) {
    Integer value = integer(key);
    return value == null ? fallback : value;
  }

  boolean bool(String key, boolean fallback) {
    String text = string(key);
    if (text == null) {
      return fallback;
    }
    if (!text.equals("true") && !text.equals("false")) {
      throw new TemplateException(where + "." + key + " must be true or false, got '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }

  Duration seconds(String key) {
    Integer value = integer(key);
    return value == null ? null : Duration.ofSeconds(value);
  }

  List<String> strings(String key) {
    Object value = value(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new TemplateException(where + "." + key + " must be a list");
    }
    List<String> out = new ArrayList<>();
    list.forEach(item -> out.add(intrinsics.resolveString(item, where + "." + key)));
    return out;
  }

  /** The nested block {@code key} (resolved if written as an intrinsic), or null. */
  Props child(String key) {
    read.add(key);
    Object value = raw.get(key);
    if (value == null) {
      return null;
    }
    Object block = value instanceof Map<?, ?> map && !isFunction(map) ? map : value(key);
    if (block == null) {
      return null;
    }
    if (!(block instanceof Map<?, ?> map)) {
      throw new TemplateException(where + "." + key + " must be a mapping");
    }
    return new Props(map, where + "." + key, intrinsics);
  }

  /** The nested block {@code key}, or an empty block when absent. */
  Props childOrEmpty(String key) {
    Props child = child(key);
    return child != null ? child : new Props(Map.of(), where + "." + key, intrinsics);
  }

  /** The keys as written. */
  List<String> keys() {
    return raw.keySet().stream().map(String::valueOf).toList();
  }

  /** The list of blocks {@code key}, each as Props. */
  List<Props> children(String key) {
    read.add(key);
    Object value = raw.get(key);
    Object list = value instanceof List<?> ? value : value(key);
    if (list == null) {
      return List.of();
    }
    if (!(list instanceof List<?> items)) {
      throw new TemplateException(where + "." + key + " must be a list");
    }
    List<Props> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Object item = intrinsics.resolve(items.get(i), where + "." + key + "[" + i + "]");
      if (item == Intrinsics.NO_VALUE) {
        continue;
      }
      if (!(item instanceof Map<?, ?> map)) {
        throw new TemplateException(where + "." + key + "[" + i + "] must be a mapping");
      }
      out.add(new Props(map, where + "." + key + "[" + i + "]", intrinsics));
    }
    return out;
  }

  /** The block as a map of resolved strings (e.g. Environment.Variables). */
  Map<String, String> stringMap() {
    Map<String, String> out = new LinkedHashMap<>();
    raw.keySet()
        .forEach(key -> {
          String value = string(String.valueOf(key));
          if (value != null) {
            out.put(String.valueOf(key), value);
          }
        });
    return out;
  }

  /** Reports every key never read as not emulated. */
  void reportUnread(NotEmulated notes) {
    raw.keySet().stream()
        .map(String::valueOf)
        .filter(key -> !read.contains(key))
        .forEach(key -> notes.property(where + "." + key, key));
  }

  private static boolean isFunction(Map<?, ?> map) {
    if (map.size() != 1) {
      return false;
    }
    String key = String.valueOf(map.keySet().iterator().next());
    return key.equals("Ref") || key.startsWith("Fn::");
  }
}
