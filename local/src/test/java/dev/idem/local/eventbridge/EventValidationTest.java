package dev.idem.local.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.local.aws.AwsError;
import org.junit.jupiter.api.Test;

/** The pure rules of {@link EventValidation}, each with the source it rests on. */
class EventValidationTest {

  private static JsonNode json(String text) {
    return EventValidation.parse(text);
  }

  /**
   * User guide, "Calculating PutEvents event entry size": Time counts 14 bytes when given; Source,
   * DetailType, Detail and each of Resources count their UTF-8 bytes; nothing else counts.
   */
  @Test
  void size_entryWithTimeAndResources_countedAsTheUserGuideSays() {
    JsonNode entry =
        json(
            "{\"Time\":1700000000,\"Source\":\"é\",\"DetailType\":\"T\",\"Detail\":\"{}\","
                + "\"Resources\":[\"ab\",\"c\"],\"EventBusName\":\"ignored\"}");

    assertThat(EventValidation.size(entry)).isEqualTo(14 + 2 + 1 + 2 + 2 + 1);
  }

  /**
   * User guide, "Calculating PutEvents event entry size": "The total entry size must be less than
   * 256KB" — one byte under passes, exactly 256 KB fails the call.
   */
  @Test
  void putEvents_totalExactly256Kb_rejectedOneByteLessAccepted() {
    String under = "{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"T\",\"Detail\":\"%s\"}]}";
    String fits = "x".repeat(EventValidation.MAX_REQUEST_BYTES - 3);
    String full = "x".repeat(EventValidation.MAX_REQUEST_BYTES - 2);

    assertThatCode(() -> EventValidation.putEvents(json(under.formatted(fits))))
        .doesNotThrowAnyException();
    AwsError error =
        catchThrowableOfType(
            AwsError.class, () -> EventValidation.putEvents(json(under.formatted(full))));
    assertThat(error.type()).isEqualTo("ValidationException");
    assertThat(error.status()).isEqualTo(400);
  }

  /**
   * LocalStack snapshot test_put_events_exceed_limit_ten_entries lists each entry as its Java
   * request object; Resources, when given, appear as a Java list.
   */
  @Test
  void putEvents_elevenEntriesWithResources_listedAsJavaRequestEntries() {
    String entry =
        "{\"Source\":\"s\",\"DetailType\":\"T\",\"Detail\":\"{}\",\"Resources\":[\"a\",\"b\"]}";
    String entries = (entry + ",").repeat(11);

    AwsError error =
        catchThrowableOfType(
            AwsError.class,
            () ->
                EventValidation.putEvents(
                    json("{\"Entries\":[" + entries.substring(0, entries.length() - 1) + "]}")));

    assertThat(error.getMessage())
        .startsWith(
            "1 validation error detected: Value '[PutEventsRequestEntry(time=null, source=s,"
                + " resources=[a, b], detailType=T, detail={}, eventBusName=null, traceHeader=null,"
                + " kmsKeyIdentifier=null, internalMetadata=null), ")
        .endsWith(
            "]' at 'entries' failed to satisfy constraint: Member must have length less than or"
                + " equal to 10");
  }

  /** API reference, Target: Id and Arn are both required; every failure is listed, by index. */
  @Test
  void putTargets_secondTargetWithoutIdOrArn_bothListedAtIndexTwo() {
    AwsError error =
        catchThrowableOfType(
            AwsError.class,
            () ->
                EventValidation.putTargets(
                    json("{\"Rule\":\"r\",\"Targets\":[{\"Id\":\"ok\",\"Arn\":\"a\"},{}]}")));

    assertThat(error.getMessage())
        .isEqualTo(
            "2 validation errors detected: Value null at 'targets.2.member.id' failed to satisfy"
                + " constraint: Member must not be null; Value null at 'targets.2.member.arn'"
                + " failed to satisfy constraint: Member must not be null");
  }

  /**
   * LocalStack snapshot test_events_patterns.py::test_invalid_event_payload: the fields an Event
   * must have.
   */
  @Test
  void testEvent_everyMandatoryField_acceptedAndOneMissingRejected() {
    String complete =
        "{\"id\":\"1\",\"account\":\"1\",\"source\":\"s\",\"time\":\"t\",\"region\":\"r\","
            + "\"detail-type\":\"T\"}";

    assertThatCode(() -> EventValidation.testEvent(complete)).doesNotThrowAnyException();
    assertThat(
            catchThrowableOfType(
                AwsError.class,
                () -> EventValidation.testEvent(complete.replace("\"region\"", "\"regio\""))))
        .hasMessage("Parameter Event is not valid.");
  }
}
