package dev.idem.local.proxy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which host names the proxy answers: AWS's service endpoints, which the local cloud's edge serves
 * whatever their region, and loopback, which is this machine. Every other host is refused.
 */
public final class AwsHosts {

  /** The domains of AWS service endpoints: commercial, China, and the newer dual-stack names. */
  public static final List<String> AWS_DOMAINS =
      List.of("amazonaws.com", "amazonaws.com.cn", "api.aws");

  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  private AwsHosts() {}

  /**
   * Whether {@code host} is an AWS service endpoint: a DNS name under one of {@link #AWS_DOMAINS}
   * (such as {@code dynamodb.eu-west-1.amazonaws.com}), in any case, with or without a final dot.
   */
  public static boolean isAws(String host) {
    String name = normalize(host);
    return isDnsName(name) && AWS_DOMAINS.stream().anyMatch(domain -> name.endsWith("." + domain));
  }

  /**
   * Whether {@code host} names this machine: {@code localhost}, {@code 127.x.x.x} or {@code ::1}.
   */
  public static boolean isLoopback(String host) {
    String name = normalize(host);
    return name.equals("localhost")
        || name.equals("::1")
        || name.equals("[::1]")
        || IPV4_LOOPBACK.matcher(name).matches();
  }

  /** Lower case, without a final dot. */
  public static String normalize(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** Whether {@code host} is a lower-case DNS name: labels of letters, digits and inner hyphens. */
  static boolean isDnsName(String host) {
    return DNS_NAME.matcher(host).matches();
  }
}
