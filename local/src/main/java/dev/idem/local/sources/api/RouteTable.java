package dev.idem.local.sources.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches requests to routes as API Gateway does: a literal segment beats a {@code {param}}, which
 * beats a greedy {@code {param+}}, segment by segment from the left; an exact method beats {@code
 * ANY}; an HTTP API's {@code $default} route takes what no other route does.
 */
final class RouteTable {

  /** A route that matched, with the path parameters it binds. */
  record Match(ApiRoute route, Map<String, String> pathParameters) {

    /** The match with its parameters percent-decoded (a {@code +} stays a plus). */
    Match decoded() {
      Map<String, String> decoded = new LinkedHashMap<>();
      pathParameters.forEach((name, value) -> decoded.put(name, percentDecoded(value)));
      return new Match(route, decoded);
    }

    private static String percentDecoded(String value) {
      try {
        return java.net.URI.create("x:/" + value.replace(" ", "%20")).getPath().substring(1);
      } catch (IllegalArgumentException e) {
        return value;
      }
    }
  }

  private record Candidate(Match match, List<Integer> ranks, boolean anyMethod) {}

  private static final Comparator<Candidate> MOST_SPECIFIC =
      Comparator.<Candidate, List<Integer>>comparing(Candidate::ranks, RouteTable::compareRanks)
          .thenComparing(Candidate::anyMethod);

  private final List<ApiRoute> routes;

  RouteTable(List<ApiRoute> routes) {
    this.routes = List.copyOf(routes);
  }

  Optional<Match> match(String method, String path) {
    List<String> segments = ApiRoute.segments(path);
    List<Candidate> candidates = new ArrayList<>();
    for (ApiRoute route : routes) {
      boolean any = route.method().equals("ANY");
      if (!route.isDefault() && (any || route.method().equals(method))) {
        candidate(route, segments, any).ifPresent(candidates::add);
      }
    }
    Optional<Match> best = candidates.stream().min(MOST_SPECIFIC).map(Candidate::match);
    return best.isPresent() ? best : fallback();
  }

  private Optional<Match> fallback() {
    return routes.stream()
        .filter(ApiRoute::isDefault)
        .findFirst()
        .map(route -> new Match(route, Map.of()));
  }

  private static Optional<Candidate> candidate(
      ApiRoute route, List<String> segments, boolean anyMethod) {
    List<String> template = ApiRoute.segments(route.pathTemplate());
    Map<String, String> parameters = new LinkedHashMap<>();
    List<Integer> ranks = new ArrayList<>();
    for (int i = 0; i < template.size(); i++) {
      String part = template.get(i);
      if (part.endsWith("+}")) {
        if (i >= segments.size()) {
          return Optional.empty();
        }
        parameters.put(name(part), String.join("/", segments.subList(i, segments.size())));
        ranks.add(2);
        return Optional.of(new Candidate(new Match(route, parameters), ranks, anyMethod));
      }
      if (i >= segments.size()) {
        return Optional.empty();
      }
      if (part.startsWith("{")) {
        parameters.put(name(part), segments.get(i));
        ranks.add(1);
      } else if (part.equals(segments.get(i))) {
        ranks.add(0);
      } else {
        return Optional.empty();
      }
    }
    if (template.size() != segments.size()) {
      return Optional.empty();
    }
    return Optional.of(new Candidate(new Match(route, parameters), ranks, anyMethod));
  }

  private static String name(String part) {
    return part.substring(1, part.length() - (part.endsWith("+}") ? 2 : 1));
  }

  private static int compareRanks(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int order = Integer.compare(a.get(i), b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(b.size(), a.size());
  }
}
