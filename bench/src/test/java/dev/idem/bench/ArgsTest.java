package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

  private static final Set<String> KNOWN = Set.of("clients", "seconds");

  @Test
  void number_given_isParsed() {
    Args args = Args.parse(List.of("--clients", "7"), KNOWN);

    assertThat(args.number("clients", 50, 1)).isEqualTo(7);
  }

  @Test
  void number_absent_isTheDefault() {
    assertThat(Args.parse(List.of(), KNOWN).number("seconds", 30, 1)).isEqualTo(30);
  }

  @Test
  void number_belowMinimum_throwsNamingTheOption() {
    Args args = Args.parse(List.of("--clients", "0"), KNOWN);

    assertThatThrownBy(() -> args.number("clients", 50, 1))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--clients");
  }

  @Test
  void number_notANumber_throws() {
    Args args = Args.parse(List.of("--seconds", "ten"), KNOWN);

    assertThatThrownBy(() -> args.number("seconds", 30, 1)).isInstanceOf(Args.UsageException.class);
  }

  @Test
  void parse_unknownOption_throwsListingKnownOnes() {
    assertThatThrownBy(() -> Args.parse(List.of("--threads", "4"), KNOWN))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--threads")
        .hasMessageContaining("--clients");
  }

  @Test
  void parse_missingValue_throws() {
    assertThatThrownBy(() -> Args.parse(List.of("--clients"), KNOWN))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("needs a value");
  }

  @Test
  void text_givenOrNot_isPresentOrEmpty() {
    Args args = Args.parse(List.of("--clients", "x.json"), KNOWN);

    assertThat(args.text("clients")).contains("x.json");
    assertThat(args.text("seconds")).isEmpty();
  }

  @Test
  void longNumber_negativeSeed_isParsedAndAWordIsRefused() {
    assertThat(Args.parse(List.of("--seconds", "-42"), KNOWN).longNumber("seconds")).hasValue(-42);
    assertThatThrownBy(() -> Args.parse(List.of("--seconds", "x"), KNOWN).longNumber("seconds"))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--seconds");
  }
}
