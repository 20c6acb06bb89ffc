package dev.idem.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.infra.support.CdkTest;
import dev.idem.infra.support.CfnTemplate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrdersStackSecurityTest {

  private static OrdersStacks.Synthesized synthesized;
  private static CfnTemplate template;

  @BeforeAll
  static void synthesize() {
    synthesized = OrdersStacks.defaults();
    template = synthesized.template();
  }

  @Test
  void nag_defaultStack_reportsNoUnsuppressedFinding() {
    CdkTest.assertNagClean(synthesized.stack());
  }

  @Test
  void template_defaultStack_hasResources() {
    assertThat(template.resources()).isNotEmpty();
    assertThat(Map.of()).isEmpty();
  }
}
