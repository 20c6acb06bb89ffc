package dev.idem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.local.stubs.StubSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link LocalCloud.Options}: one immutable record, built and changed through its builder. */
class LocalCloudOptionsTest {

  private static final Path TEMPLATE = TestClouds.ROOT.resolve("template.yaml");

  @Test
  void freePorts_beforeTheProjectBringsItsStubs_stillFreesTheStubs() {
    LocalCloud.Options options = LocalCloud.Options.builder().freePorts().project(TEMPLATE).build();

    assertThat(options.stubs())
        .extracting(StubSpec::name)
        .containsExactly("payments", "notifications");
    assertThat(options.stubs()).extracting(StubSpec::port).containsOnly(0);
    assertThat(options.edgePort()).isZero();
    assertThat(options.apiPort()).isZero();
    assertThat(options.proxyPort()).isZero();
  }

  @Test
  void freePorts_beforeAPort_theFreePortWins() {
    LocalCloud.Options options =
        LocalCloud.Options.builder().project(TEMPLATE).freePorts().edgePort(4566).build();

    assertThat(options.edgePort()).isZero();
  }

  @Test
  void project_withoutFreePorts_keepsTheConfiguredStubPorts() {
    LocalCloud.Options options = LocalCloud.Options.builder().project(TEMPLATE).build();

    assertThat(options.stubs()).extracting(StubSpec::port).containsExactly(4010, 4011);
    assertThat(options.seed()).isEqualTo(TestClouds.ROOT.resolve("seed/catalog.json"));
    assertThat(options.edgePort()).isEqualTo(LocalCloud.Options.EDGE_PORT);
  }

  @Test
  void toBuilder_changingOneOption_keepsEveryOther() {
    LocalCloud.Options options =
        LocalCloud.Options.builder().project(TEMPLATE).freePorts().concurrencyLimit(3).build();

    LocalCloud.Options changed = options.toBuilder().concurrencyLimit(2).build();

    assertThat(changed.concurrencyLimit()).isEqualTo(2);
    assertThat(changed.toBuilder().concurrencyLimit(3).build()).isEqualTo(options);
  }

  @Test
  void build_limitBelowOne_isRefused() {
    LocalCloud.Options.Builder builder = LocalCloud.Options.builder().concurrencyLimit(0);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrency limit 0 is below 1");
  }
}
