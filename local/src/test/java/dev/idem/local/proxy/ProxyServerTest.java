package dev.idem.local.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyServerTest {

  @Test
  void hostsFileContent_machineName_loopbackNamesOnly() {
    assertThat(ProxyServer.hostsFileContent("build-42").lines().filter(l -> !l.startsWith("#")))
        .containsExactly(
            "127.0.0.1 localhost", "::1 localhost ip6-localhost", "127.0.0.1 build-42");
  }

  @Test
  void hostsFileContent_noOrOddMachineName_localhostOnly() {
    for (String name : new String[] {null, "localhost", "bad name", ""}) {
      assertThat(ProxyServer.hostsFileContent(name).lines().filter(l -> !l.startsWith("#")))
          .as(String.valueOf(name))
          .containsExactly("127.0.0.1 localhost", "::1 localhost ip6-localhost");
    }
  }
}
