"use strict";
// The faults page: the rules in force, the faults injected (counts and the log, newest first), and
// a rule set applied or cleared from the page. It reads and writes through the fault API itself
// (/_idem/faults, /_idem/faults/log), so the page and curl change the same rules the same way.
(function () {
  const RULES = "/_idem/faults";
  const LOG = "/_idem/faults/log";
  const CHAOS = "/_localstack/chaos/faults";
  // The log keeps the last 10,000 faults; the page shows the newest of them.
  const SHOWN = 100;
  const EXAMPLE = '[{"kind": "sqs-duplicate", "queue": "PaymentsQueue", "probability": 0.5}]';
  const MARKUP = `
  <section aria-labelledby="rules-heading">
    <h2 id="rules-heading">Rules in force</h2>
    <p id="rules-summary"></p>
    <table id="fault-rules-table">
      <caption>Idem's fault rules (GET ${RULES}); among the rules of one kind the first that matches decides.</caption>
      <thead><tr>
        <th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Matches</th>
        <th scope="col">Probability</th><th scope="col">Limit</th><th scope="col">Other settings</th>
      </tr></thead>
      <tbody></tbody>
    </table>
    <p id="chaos-summary"></p>
  </section>
  <section aria-labelledby="apply-heading">
    <h2 id="apply-heading">Apply a rule set</h2>
    <form id="fault-form">
      <p><label for="fault-rules">Rules, a JSON list as <code>POST ${RULES}</code> takes
        (see the README's "Test your functions under faults"); Apply replaces the rules in force,
        Clear removes them all.</label></p>
      <textarea id="fault-rules" name="rules" rows="8" cols="90" spellcheck="false"
        aria-describedby="fault-result" placeholder='${EXAMPLE}'></textarea>
      <p>
        <button type="submit" id="fault-apply">Apply</button>
        <button type="button" id="fault-clear">Clear</button>
      </p>
      <p id="fault-result" role="status" aria-live="polite"></p>
    </form>
  </section>
  <section aria-labelledby="counts-heading">
    <h2 id="counts-heading">Faults injected</h2>
    <p id="fault-total"></p>
    <table id="fault-kinds">
      <caption>Faults injected since the cloud started, by kind.</caption>
      <thead><tr><th scope="col">Kind</th><th scope="col">Faults</th></tr></thead>
      <tbody></tbody>
    </table>
    <table id="fault-by-rule">
      <caption>Faults injected since the cloud started, by rule.</caption>
      <thead><tr><th scope="col">Rule</th><th scope="col">Faults</th></tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section aria-labelledby="log-heading">
    <h2 id="log-heading">Fault log</h2>
    <table id="fault-log">
      <caption>The latest faults injected, newest first; times in your time zone (UTC on hover).</caption>
      <thead><tr>
        <th scope="col">#</th><th scope="col">Injected</th><th scope="col">Kind</th>
        <th scope="col">Rule</th><th scope="col">Target</th><th scope="col">Request id</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>`;

  const { cell, time, fill, call, get } = Idem;
  const COMMON = ["name", "kind", "probability", "limit"];

  // The settings a rule has beyond its name, kind, probability and limit, split into what it
  // matches (plain strings) and the rest (its kind's parameters and its window).
  function split(rule) {
    const matches = [];
    const other = {};
    for (const [field, value] of Object.entries(rule)) {
      if (COMMON.includes(field)) continue;
      if (typeof value === "string" && field !== "answer") matches.push(field + "=" + value);
      else other[field] = value;
    }
    return { matches: matches.join(" "), other: other };
  }

  function drawRules(rules, chaos) {
    document.getElementById("rules-summary").textContent =
      rules.length === 0 ? "No Idem rules in force: nothing is injected by them." :
        rules.length + (rules.length === 1 ? " rule" : " rules") + " in force.";
    fill("fault-rules-table", rules, (tr, r) => {
      const parts = split(r);
      cell(tr, r.name);
      cell(tr, r.kind);
      cell(tr, parts.matches || "everything");
      cell(tr, r.probability, true);
      cell(tr, r.limit === undefined ? "none" : r.limit, true);
      const other = Object.keys(parts.other).length ? JSON.stringify(parts.other) : "—";
      const code = document.createElement("code");
      code.textContent = other;
      tr.insertCell().appendChild(code);
    });
    document.getElementById("chaos-summary").textContent =
      "LocalStack Chaos API rules (" + CHAOS + "): " +
      (chaos.length === 0 ? "none." : JSON.stringify(chaos));
  }

  function counts(tableId, byName) {
    fill(tableId, Object.entries(byName), (tr, [name, count]) => {
      cell(tr, name);
      cell(tr, count, true);
    });
  }

  Idem.view(/^\/_idem\/fault-injection$/, "Faults", (match, main) => {
    main.innerHTML = MARKUP;
    const text = document.getElementById("fault-rules");
    const result = document.getElementById("fault-result");
    // The entries shown, newest first, and the number of the last one read: each refresh asks the
    // log only for what came after it.
    let shown = [];
    let lastSeq = null;
    let filled = false;

    function report(message, isProblem) {
      result.className = isProblem ? "problem" : "";
      result.textContent = message;
    }

    async function apply(rules) {
      try {
        const inForce = await call("POST", RULES, rules);
        report((rules === "[]" ? "Cleared" : "Applied") + ": " + inForce.length +
          (inForce.length === 1 ? " rule" : " rules") + " in force.", false);
        if (rules === "[]") text.value = "";
        await refresh();
      } catch (e) {
        // The rules stay in the text area to be corrected; the API left the rules in force as
        // they were.
        report("Not applied: " + e.message, true);
      }
    }

    document.getElementById("fault-form").addEventListener("submit", (event) => {
      event.preventDefault();
      apply(text.value);
    });
    document.getElementById("fault-clear").addEventListener("click", () => apply("[]"));

    async function refresh() {
      if (lastSeq === null) {
        // First read: the counts only (no entry is numbered above the largest number), then the
        // newest SHOWN entries.
        const head = await get(LOG + "?after=" + Number.MAX_SAFE_INTEGER);
        lastSeq = Math.max(0, head.total - SHOWN);
      }
      const [rules, chaos, log] =
        await Promise.all([get(RULES), get(CHAOS), get(LOG + "?after=" + lastSeq)]);
      drawRules(rules, chaos);
      if (!filled) {
        // The rules in force, as a starting point to edit; never overwritten once shown.
        if (rules.length > 0 && text.value === "") text.value = JSON.stringify(rules, null, 2);
        filled = true;
      }
      document.getElementById("fault-total").textContent =
        // (Not the seed: a 64-bit number, which JSON.parse would round.)
        log.total + (log.total === 1 ? " fault" : " faults") + " injected since start; the log" +
        " below shows the newest " + SHOWN + ".";
      counts("fault-kinds", log.byKind);
      counts("fault-by-rule", log.byRule);
      if (log.entries.length > 0) {
        lastSeq = log.entries[log.entries.length - 1].seq;
        shown = log.entries.slice().reverse().concat(shown).slice(0, SHOWN);
      }
      fill("fault-log", shown, (tr, f) => {
        tr.dataset.seq = f.seq;
        cell(tr, f.seq, true);
        time(tr, f.time);
        cell(tr, f.fault);
        cell(tr, f.rule);
        cell(tr, f.target);
        // A request id opens the flow the fault struck: a flow is found by any request id.
        const id = document.createElement("code");
        id.textContent = f.requestId || "—";
        let idContent = id;
        if (f.requestId) {
          idContent = Idem.link("/_idem/flows/" + encodeURIComponent(f.requestId), "");
          idContent.appendChild(id);
        }
        tr.insertCell().appendChild(idContent);
      });
    }
    return refresh;
  });
})();
