package dev.idem.local.faults;

/**
 * Reduces what users write in rules and what the hops see to one name per resource: the function,
 * table, queue, bus or rule name at the end of an ARN or a queue URL.
 */
final class Names {

  private Names() {}

  static String of(String field, String value) {
    return switch (field) {
      case "function", "table", "queue", "bus", "rule" -> resourceName(value);
      default -> value;
    };
  }

  private static String resourceName(String value) {
    String name = value;
    if (name.startsWith("arn:")) {
      // arn:aws:dynamodb:r:a:table/Orders[/stream/...], arn:aws:lambda:r:a:function:F[:alias],
      // arn:aws:sqs:r:a:Q, arn:aws:events:r:a:event-bus/B, arn:aws:events:r:a:rule/[bus/]R
      String[] parts = name.split(":", 7);
      String resource = parts.length > 5 ? parts[5] : name;
      if (resource.equals("function") && parts.length > 6) {
        return parts[6].split(":")[0];
      }
      if (resource.startsWith("table/")) {
        return resource.split("/")[1];
      }
      int slash = resource.lastIndexOf('/');
      return slash < 0 ? resource : resource.substring(slash + 1);
    }
    if (name.startsWith("http://") || name.startsWith("https://")) {
      int slash = name.lastIndexOf('/');
      return name.substring(slash + 1);
    }
    return name;
  }
}
