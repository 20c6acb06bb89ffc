package dev.idem.local.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a running cloud's {@link Capture} keeps, read for the end-to-end test of its memory bound
 * (which runs in {@code dev.idem.local}, where the rings are out of reach).
 */
public final class CaptureContents {

  private CaptureContents() {}

  /** How many entries each ring keeps now, by kind. */
  public static Map<String, Integer> kept(Capture capture) {
    Map<String, Integer> kept = new LinkedHashMap<>();
    kept.put("invocations", capture.invocations().recent(Integer.MAX_VALUE).size());
    kept.put("awsCalls", capture.calls().all().size());
    kept.put("apiRequests", capture.apiLog().all().size());
    kept.put("eventSteps", capture.eventLog().all().size());
    kept.put("stubCalls", capture.stubLog().all().size());
    return kept;
  }

  /** Every text the rings keep: payloads, responses, logs, bodies, paths. */
  public static List<String> texts(Capture capture) {
    List<String> texts = new ArrayList<>();
    for (InvocationLog.Entry entry : capture.invocations().recent(Integer.MAX_VALUE)) {
      texts.addAll(List.of(entry.payload(), entry.response(), entry.log(), entry.decisionLines()));
    }
    for (CallLog.Entry entry : capture.calls().all()) {
      texts.addAll(List.of(entry.request(), entry.response()));
    }
    for (ApiLog.Entry entry : capture.apiLog().all()) {
      texts.addAll(List.of(entry.path(), entry.request(), entry.response()));
    }
    for (StubLog.Entry entry : capture.stubLog().all()) {
      texts.addAll(List.of(entry.path(), entry.request(), entry.answer()));
    }
    return texts;
  }
}
