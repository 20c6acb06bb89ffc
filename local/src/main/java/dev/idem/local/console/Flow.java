package dev.idem.local.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One request followed across every hop the console captured: the hops whose text names the id,
 * then, hop by hop, those sharing an id that is unique to one hop's work (a Lambda request id, an
 * EventBridge event id, an SQS message id, a stream record's event id, an API request id), and the
 * ids an API request's answer created (so that a request id leads to the order it placed).
 *
 * <p>A batch (an invocation of several records, a PutEvents of several entries) is shared by the
 * flows of its records: it joins a flow, but only its records that belong there pass their ids on,
 * and its own ids (the invocation's request id) let in only the faults injected into it — otherwise
 * two orders relayed in one batch would become one flow. Pure: the tests give it planted hops.
 */
final class Flow {

  /** The most hops one flow shows; the first ones by time are kept. */
  static final int MAX_HOPS = 500;

  /**
   * One record of a batch hop.
   *
   * @param text what it says (a record's JSON)
   * @param links the ids unique to it (a message id, a stream record's event id, an event id)
   */
  record Part(String text, Set<String> links, Set<String> uuids) {
    Part {
      text = text == null ? "" : text;
      links = Set.copyOf(links);
      uuids = Set.copyOf(uuids);
    }

    Part(String text, Set<String> links) {
      this(text, links, uuidsIn(text));
    }

    boolean names(String id) {
      return Flow.names(text, uuids, id);
    }
  }

  /**
   * What the assembly reads of one captured hop.
   *
   * @param text what it says, searched for the flow's ids
   * @param links the ids unique to its own work (its Lambda request id, its API request id)
   * @param refs the ids of the work it was part of or led from (its caller's request id, its
   *     trigger, the event it delivers)
   * @param parts its records when it is a batch, each with ids of its own
   * @param creates the ids it created, which the flow then follows as it follows the seed (the
   *     UUIDs an API request's answer names that its request did not)
   * @param leaf whether it may join through a batch's own id (an injected fault)
   */
  record Links(
      String text,
      Set<String> uuids,
      Set<String> links,
      Set<String> refs,
      List<Part> parts,
      Set<String> creates,
      boolean leaf) {
    Links {
      text = text == null ? "" : text;
      uuids = Set.copyOf(uuids);
      links = Set.copyOf(links);
      refs = Set.copyOf(refs);
      parts = List.copyOf(parts);
      creates = Set.copyOf(creates);
    }

    /** Links whose text's UUIDs are read now, once: a flow then looks a UUID up, not the text. */
    Links(
        String text,
        Set<String> links,
        Set<String> refs,
        List<Part> parts,
        Set<String> creates,
        boolean leaf) {
      this(text, uuidsIn(text), links, refs, parts, creates, leaf);
    }

    boolean names(String id) {
      return Flow.names(text, uuids, id);
    }

    boolean batch() {
      return parts.size() > 1;
    }
  }

  /**
   * A captured hop: when, and how it links to others; {@code value} is what the caller shows.
   *
   * @param at when it began
   * @param links how it links to others
   * @param value what is shown of it
   */
  record Hop<T>(Instant at, Links links, T value) {
    Hop {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(links, "links");
    }
  }

  /**
   * A flow.
   *
   * @param hops its hops by time
   * @param cut whether more than {@link #MAX_HOPS} matched (the later ones are left out)
   * @param matched how many hops matched in all
   */
  record Result<T>(List<Hop<T>> hops, boolean cut, int matched) {

    /** From the first hop's start to {@code hop}'s. */
    Duration offset(Hop<T> hop) {
      return hops.isEmpty() ? Duration.ZERO : Duration.between(hops.getFirst().at(), hop.at());
    }
  }

  private Flow() {}

  /** The hops of the flow of {@code id} among {@code hops}, by time. */
  static <T> Result<T> of(String id, List<Hop<T>> hops) {
    Assembly<T> assembly = new Assembly<>(id, hops);
    while (assembly.step()) {
      // each step adds hops or ids; it ends when one adds nothing
    }
    return assembly.result();
  }

  /**
   * One flow being assembled: the ids it follows — strong ones (unique to one hop's work), weak
   * ones (a batch's own, which let in only faults) and anchors (searched for in texts) — and the
   * hops in it so far.
   */
  private static final class Assembly<T> {

    private final List<Hop<T>> hops;
    private final Set<String> shared = new HashSet<>();
    private final Set<String> anchors = new LinkedHashSet<>();
    private final Set<String> searched = new HashSet<>();
    private final Set<String> strong = new HashSet<>();
    private final Set<String> weak = new HashSet<>();
    private final boolean[] in;
    private final boolean[] named;

    Assembly(String id, List<Hop<T>> hops) {
      this.hops = hops;
      this.in = new boolean[hops.size()];
      this.named = new boolean[hops.size()];
      for (Hop<T> hop : hops) {
        if (hop.links().batch()) {
          shared.addAll(hop.links().links());
        }
      }
      strong.add(id);
      anchors.add(id);
    }

    /**
     * Lets in the hops the ids known now reach, and takes their ids; false when nothing changed.
     */
    boolean step() {
      for (String anchor : List.copyOf(anchors)) {
        if (searched.add(anchor)) {
          for (int i = 0; i < hops.size(); i++) {
            named[i] |= hops.get(i).links().names(anchor);
          }
        }
      }
      boolean changed = false;
      for (int i = 0; i < hops.size(); i++) {
        Links links = hops.get(i).links();
        if (!in[i] && joins(i, links)) {
          in[i] = true;
          changed = true;
        }
        // Again for the hops already in: a batch's record may belong once more ids are known.
        if (in[i]) {
          changed |= passOn(links);
        }
      }
      return changed;
    }

    private boolean joins(int i, Links links) {
      return named[i]
          || meets(links.links(), strong)
          || meets(links.refs(), strong)
          || links.parts().stream().anyMatch(part -> meets(part.links(), strong))
          || (links.leaf() && (meets(links.refs(), weak) || meets(links.links(), weak)));
    }

    /**
     * Takes the ids of a hop in the flow (of a batch only its own records' ids); true when that
     * added any.
     */
    private boolean passOn(Links links) {
      boolean added = false;
      for (String link : links.links()) {
        added |= (shared.contains(link) ? weak : strong).add(link);
      }
      for (String ref : links.refs()) {
        added |= (shared.contains(ref) ? weak : strong).add(ref);
      }
      for (Part part : links.parts()) {
        if (!links.batch()
            || meets(part.links(), strong)
            || anchors.stream().anyMatch(part::names)) {
          added |= strong.addAll(part.links());
        }
      }
      added |= anchors.addAll(links.creates());
      added |= strong.addAll(links.creates());
      return added;
    }

    Result<T> result() {
      List<Hop<T>> matched = new ArrayList<>();
      for (int i = 0; i < hops.size(); i++) {
        if (in[i]) {
          matched.add(hops.get(i));
        }
      }
      matched.sort(Comparator.comparing(Hop::at));
      boolean cut = matched.size() > MAX_HOPS;
      return new Result<>(
          cut ? List.copyOf(matched.subList(0, MAX_HOPS)) : List.copyOf(matched),
          cut,
          matched.size());
    }
  }

  /** The UUIDs in a text (ids are mostly UUIDs: order, request, event and message ids). */
  static Set<String> uuidsIn(String text) {
    Set<String> found = new HashSet<>();
    java.util.regex.Matcher uuid = FlowHops.UUID.matcher(text == null ? "" : text);
    while (uuid.find()) {
      found.add(uuid.group());
    }
    return found;
  }

  /**
   * Whether the text names the id: a UUID is looked up among the text's, anything else searched.
   */
  private static boolean names(String text, Set<String> uuids, String id) {
    return FlowHops.UUID.matcher(id).matches() ? uuids.contains(id) : text.contains(id);
  }

  private static boolean meets(Set<String> ids, Set<String> in) {
    for (String id : ids) {
      if (in.contains(id)) {
        return true;
      }
    }
    return false;
  }
}
