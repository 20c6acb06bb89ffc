package dev.idem.local.template;

import java.util.Map;
import java.util.Objects;

/**
 * What a template's resolution needs beyond the template itself: the stack's name ({@code
 * AWS::StackName}) and the exports of the other stacks deployed beside it ({@code
 * Fn::ImportValue}), as a CDK cloud assembly holds them.
 *
 * {@snippet :
 * StackContext context = new StackContext("idem-orders-dev", Map.of("shared-bus", "idem-bus"));
 * Template template = Template.load(file, Map.of(), context);
 * }
 *
 * @param stackName the stack's name
 * @param exports export name to value, for {@code Fn::ImportValue}
 */
public record StackContext(String stackName, Map<String, String> exports) {

  /** The stack name of a template given on its own. */
  public static final String DEFAULT_STACK_NAME = "idem-local";

  /** A lone template: stack {@value #DEFAULT_STACK_NAME}, no exports. */
  public static final StackContext NONE = new StackContext(DEFAULT_STACK_NAME, Map.of());

  /**
   * Checks the components.
   *
   * @throws NullPointerException when one is null
   */
  public StackContext {
    Objects.requireNonNull(stackName, "stackName");
    exports = Map.copyOf(exports);
  }
}
