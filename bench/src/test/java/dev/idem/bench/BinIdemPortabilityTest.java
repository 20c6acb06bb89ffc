package dev.idem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/idem} and {@code bin/java-home.sh} run on macOS's default bash 3.2 and BSD tools as
 * well as on Linux: no machine here has bash 3.2 (Debian ships only bash 5), so this reads the
 * scripts for what bash 3.2 or BSD lacks. Bash 4+ syntax is refused outright; a GNU-only tool is
 * allowed on a line marked {@code # portable} that carries its fallback.
 */
class BinIdemPortabilityTest {

  /** Bash 4.0–5.x additions that bash 3.2 rejects or reads differently. */
  private static final Map<String, Pattern> BASH_4 = new LinkedHashMap<>();

  /** Tools or options that GNU has and macOS/BSD lacks. */
  private static final Map<String, Pattern> GNU_ONLY = new LinkedHashMap<>();

  static {
    BASH_4.put("associative array (bash 4)", Pattern.compile("\\b(declare|local|typeset) +-\\w*A"));
    BASH_4.put("mapfile/readarray (bash 4)", Pattern.compile("\\b(mapfile|readarray)\\b"));
    BASH_4.put(
        "case change ${v,,} ${v^^} (bash 4)",
        Pattern.compile("\\$\\{[#!]?\\w+(\\[[^]]*])?(,|\\^)"));
    BASH_4.put("&>> (bash 4)", Pattern.compile("&>>"));
    BASH_4.put("|& (bash 4)", Pattern.compile("\\|&"));
    BASH_4.put("negative array index (bash 4.3)", Pattern.compile("\\$\\{\\w+\\[-\\d"));
    BASH_4.put("nameref (bash 4.3)", Pattern.compile("\\b(declare|local|typeset) +-\\w*n"));
    BASH_4.put("[[ -v ]] (bash 4.2)", Pattern.compile("\\[\\[ *-v "));
    BASH_4.put(
        "global declare -g (bash 4.2)", Pattern.compile("\\b(declare|local|typeset) +-\\w*g"));
    BASH_4.put("${v@Q} transformations (bash 4.4)", Pattern.compile("\\$\\{\\w+(\\[[^]]*])?@\\w"));
    BASH_4.put("case fall-through ;& ;;& (bash 4)", Pattern.compile(";;?&"));
    BASH_4.put("coproc (bash 4)", Pattern.compile("\\bcoproc\\b"));
    BASH_4.put("globstar (bash 4)", Pattern.compile("\\bglobstar\\b"));
    BASH_4.put("wait -n (bash 4.3)", Pattern.compile("\\bwait +-n\\b"));
    BASH_4.put("{fd}> redirection (bash 4.1)", Pattern.compile("\\{\\w+}[<>]"));
    BASH_4.put(
        "EPOCHSECONDS/EPOCHREALTIME/BASHPID (bash 4-5)",
        Pattern.compile("\\b(EPOCHSECONDS|EPOCHREALTIME|BASHPID)\\b"));
    BASH_4.put("printf %(...)T (bash 4.2)", Pattern.compile("%\\([^)]*\\)T"));

    GNU_ONLY.put("stat -c", Pattern.compile("\\bstat +-c"));
    GNU_ONLY.put("date -d", Pattern.compile("\\bdate +(-\\w+ +)*-d"));
    GNU_ONLY.put("readlink -f", Pattern.compile("\\breadlink +-\\w*f"));
    GNU_ONLY.put("sed -i (BSD needs a suffix)", Pattern.compile("\\bsed +(-\\w+ +)*-i"));
    GNU_ONLY.put("find -printf", Pattern.compile("\\bfind\\b.*-printf"));
    GNU_ONLY.put("grep -P", Pattern.compile("\\bgrep +(-\\w+ +)*-\\w*P"));
    GNU_ONLY.put("timeout", Pattern.compile("(^|[;&|(] *|\\$\\( *)timeout\\b"));
    GNU_ONLY.put("nproc", Pattern.compile("\\bnproc\\b"));
    GNU_ONLY.put("/proc", Pattern.compile("/proc/"));
    GNU_ONLY.put("sha256sum (macOS has shasum)", Pattern.compile("\\bsha256sum\\b"));
    GNU_ONLY.put("sed {cmd} without ; before } (BSD)", Pattern.compile("\\bsed\\b.*[^;{ ]}'"));
  }

  /** Where a comment starts: a {@code #} at the start of a word (not {@code ${#a[@]}}). */
  private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*");

  /** An array expanded as "${a[@]}": set -u rejects it when empty, before bash 4.4. */
  private static final Pattern ARRAY_EXPANSION = Pattern.compile("\"\\$\\{(\\w+)\\[@]}\"");

  @Test
  void scripts_binIdemAndJavaHome_useNothingThatBash32OrBsdLacks() throws IOException {
    for (String script : List.of("bin/idem", "bin/java-home.sh")) {
      Path file = BinIdemTest.repository().resolve(script);

      assertThat(violations(Files.readString(file))).as(script).isEmpty();
    }
  }

  @Test
  void violations_bash4AndGnuOnlyLines_areEachReported() {
    List<String> lines =
        List.of(
            "declare -A seen",
            "mapfile -t lines < f",
            "echo \"${name,,}\"",
            "run &>> log",
            "run |& tee log",
            "echo \"${args[-1]}\"",
            "local -n ref=$1",
            "if [[ -v HOME ]]; then :; fi",
            "echo \"${name@Q}\"",
            "stat -c %Y f",
            "date -u -d @0",
            "readlink -f \"$0\"",
            "sed -i 's/a/b/' f",
            "find . -printf '%p'",
            "grep -oP 'a+' f",
            "x=$(timeout 5 cmd)",
            "nproc",
            "cat /proc/cpuinfo",
            "sha256sum f",
            "sed '/a/{/b/d}' f",
            "cmd \"${opts[@]}\"");

    List<String> found = violations(String.join("\n", lines));

    assertThat(found).hasSize(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(found.get(i)).startsWith("line " + (i + 1) + ":");
    }
  }

  @Test
  void violations_portableForms_areAccepted() {
    String script =
        """
        # mapfile, ${v,,} and stat -c in a comment are prose
        cmd # and so after a command: readlink -f
        cmd ${opts[@]+"${opts[@]}"} "$@"
        stat -c %n / >/dev/null 2>&1 && STAT=(-c '%n') # portable: BSD's otherwise
        sed '/a/{/b/d;}' f
        echo "${#opts[@]}" "${name:-x}" "${name//a/b}"
        """;

    assertThat(violations(script)).isEmpty();
  }

  /** One "line N: construct: text" per line of {@code script} that uses a refused construct. */
  static List<String> violations(String script) {
    List<String> found = new ArrayList<>();
    String[] lines = script.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String problem = problem(COMMENT.matcher(line).replaceFirst(""), line.contains("# portable"));
      if (problem != null) {
        found.add("line " + (i + 1) + ": " + problem + ": " + line.strip());
      }
    }
    return found;
  }

  private static String problem(String line, boolean portable) {
    for (Map.Entry<String, Pattern> rule : BASH_4.entrySet()) {
      if (rule.getValue().matcher(line).find()) {
        return rule.getKey();
      }
    }
    if (!portable) {
      for (Map.Entry<String, Pattern> rule : GNU_ONLY.entrySet()) {
        if (rule.getValue().matcher(line).find()) {
          return rule.getKey();
        }
      }
    }
    Matcher expansion = ARRAY_EXPANSION.matcher(line);
    while (expansion.find()) {
      String guard = "${" + expansion.group(1) + "[@]+";
      if (!line.startsWith(guard, expansion.start() - guard.length())) {
        return "unguarded \"${" + expansion.group(1) + "[@]}\" (empty under set -u, bash < 4.4)";
      }
    }
    return null;
  }
}
