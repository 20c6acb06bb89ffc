package dev.idem.local;

import java.nio.file.Path;

/**
 * The two sources of the reference system that the end-to-end tests run, for the same behaviour:
 * the SAM template {@code template.yaml}, and the CDK app's {@code OrdersStack} synthesized into a
 * cloud assembly (see {@link CdkAssemblies}).
 */
enum Source {

  /** {@code template.yaml}. */
  SAM {
    @Override
    LocalCloud.Options options(String name, TestClouds.Console console) {
      return TestClouds.options(name, console);
    }
  },

  /** The CDK app's {@code OrdersStack}, its stubs on the ports its provider URLs name. */
  CDK {
    @Override
    LocalCloud.Options options(String name, TestClouds.Console console) {
      CdkAssemblies.Synthesized stack = CdkAssemblies.ordersStack();
      console.accept(
          "synthesized " + stack.templateFile() + " in " + stack.took().toMillis() + " ms");
      LocalCloud.Options sam = TestClouds.options(name, console);
      return sam.toBuilder()
          .template(stack.templateFile())
          .seed(TestClouds.ROOT.resolve(Path.of("seed", "catalog.json")))
          .stubs(
              sam.stubs().stream()
                  .map(stub ->
                      stub.withPort(
                          stub.name().equals("payments")
                              ? stack.paymentsPort()
                              : stack.notificationsPort()))
                  .toList())
          .build();
    }
  };

  /**
   * Options for a cloud named {@code name} of this source: free ports (the CDK stack's stubs on the
   * ports it names), at most 3 instances per function, the repository's seed.
   */
  abstract LocalCloud.Options options(String name, TestClouds.Console console);
}
