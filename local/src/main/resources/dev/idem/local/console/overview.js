"use strict";
// The overview: every function, queue, table and bus rule with its counts, and the latest
// invocations.
(function () {
  const LIMIT = 50;
  const MARKUP = `
  <section aria-labelledby="functions-heading">
    <h2 id="functions-heading">Functions</h2>
    <table id="functions">
      <caption>Instances and invocations per function since the cloud started; p50 and p99 over its recent invocations.</caption>
      <thead><tr>
        <th scope="col">Function</th><th scope="col">Warm</th><th scope="col">Busy</th>
        <th scope="col">Limit</th><th scope="col">Cold starts</th><th scope="col">Invocations</th>
        <th scope="col">Errors</th><th scope="col">Throttles</th>
        <th scope="col">p50 (ms)</th><th scope="col">p99 (ms)</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section aria-labelledby="queues-heading">
    <h2 id="queues-heading">Queues</h2>
    <table id="queues">
      <caption>Approximate message counts, as SQS's GetQueueAttributes reports them.</caption>
      <thead><tr>
        <th scope="col">Queue</th><th scope="col">Visible</th><th scope="col">In flight</th>
        <th scope="col">Delayed</th><th scope="col">Dead-letter queue</th><th scope="col">DLQ depth</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section aria-labelledby="tables-heading">
    <h2 id="tables-heading">Tables</h2>
    <table id="tables">
      <caption>Item counts, as DynamoDB's DescribeTable reports them; Stream: records not yet handed to the stream's functions.</caption>
      <thead><tr><th scope="col">Table</th><th scope="col">Items</th><th scope="col">Stream</th></tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section aria-labelledby="rules-heading">
    <h2 id="rules-heading">Bus rules</h2>
    <table id="rules">
      <caption>Events each rule matched and what became of their deliveries.</caption>
      <thead><tr>
        <th scope="col">Bus</th><th scope="col">Rule</th><th scope="col">State</th>
        <th scope="col">Matches</th><th scope="col">Delivered</th>
        <th scope="col">Dead-lettered</th><th scope="col">Failed</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section aria-labelledby="flows-heading">
    <h2 id="flows-heading">Recent flows</h2>
    <div id="flows-section"></div>
  </section>
  <section aria-labelledby="invocations-heading">
    <h2 id="invocations-heading">Recent invocations</h2>
    <p id="invocation-count"></p>
    <table id="invocations">
      <caption>The latest invocations, newest first; times in your time zone (UTC on hover).</caption>
      <thead><tr>
        <th scope="col">Ended</th><th scope="col">Function</th><th scope="col">Source</th>
        <th scope="col">Batch</th><th scope="col">Duration (ms)</th><th scope="col">Outcome</th>
        <th scope="col">Request id</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>`;

  const { cell, linkCell, ms, time, fill, problem, get } = Idem;

  function drawOverview(o) {
    fill("functions", o.functions, (tr, f) => {
      tr.dataset.function = f.name;
      cell(tr, f.name);
      cell(tr, f.instancesWarm, true);
      cell(tr, f.instancesBusy, true);
      cell(tr, f.concurrencyLimit, true);
      cell(tr, f.coldStarts, true);
      cell(tr, f.invocations, true).dataset.col = "invocations";
      cell(tr, f.errors, true);
      cell(tr, f.throttles, true);
      cell(tr, ms(f.p50Ms), true);
      cell(tr, ms(f.p99Ms), true);
    });
    fill("queues", o.queues, (tr, q) => {
      linkCell(tr, "/_idem/queues/" + encodeURIComponent(q.name), q.name);
      if (q.error) return problem(tr, q, 5);
      cell(tr, q.visible, true);
      cell(tr, q.inFlight, true);
      cell(tr, q.delayed, true);
      if (q.deadLetterQueue) {
        linkCell(tr, "/_idem/queues/" + encodeURIComponent(q.deadLetterQueue), q.deadLetterQueue);
      } else {
        cell(tr, "none");
      }
      cell(tr, q.deadLetterQueue ? q.deadLetterDepth : null, true);
    });
    fill("tables", o.tables, (tr, t) => {
      linkCell(tr, "/_idem/tables/" + encodeURIComponent(t.name), t.name);
      if (t.error) return problem(tr, t, 2);
      cell(tr, t.items, true);
      const s = t.stream;
      cell(tr, !s || s.mappings === 0 ? "not read" :
        (s.behind + (s.behindAtLeast ? "+" : "")) + " behind (" + s.shards + " shard" + (s.shards === 1 ? "" : "s") + ")");
    });
    fill("rules", o.rules, (tr, r) => {
      cell(tr, r.bus);
      cell(tr, r.name);
      cell(tr, r.state);
      cell(tr, r.matches, true);
      cell(tr, r.deliveries, true);
      cell(tr, r.deadLettered, true);
      cell(tr, r.failedDeliveries, true);
    });
  }

  function drawInvocations(list) {
    document.getElementById("invocation-count").textContent =
      list.total + " invocations since start; the last " + Math.min(list.total, list.capacity) +
      " kept, " + list.invocations.length + " shown.";
    fill("invocations", list.invocations, (tr, i) => {
      tr.dataset.function = i.function;
      time(tr, i.at);
      cell(tr, i.function);
      cell(tr, i.sourceName ? i.source + " " + i.sourceName : i.source);
      cell(tr, i.batchSize, true);
      cell(tr, ms(i.durationMs), true);
      const outcome = cell(tr, i.errorType ? i.outcome + " (" + i.errorType + ")" : i.outcome);
      outcome.className = "outcome-" + i.outcome;
      const id = document.createElement("code");
      id.textContent = i.requestId || "—";
      // The request id opens the invocation's page (its payloads and log lines).
      const idCell = tr.insertCell();
      if (i.requestId) {
        const a = Idem.link(Idem.flows.invocationHref(i.requestId), "");
        a.appendChild(id);
        idCell.appendChild(a);
      } else {
        idCell.appendChild(id);
      }
    });
  }

  Idem.view(/^\/_idem\/$/, "Overview", (match, main) => {
    main.innerHTML = MARKUP;
    const flows = document.getElementById("flows-section");
    flows.innerHTML = Idem.flows.SEARCH + Idem.flows.RECENT;
    Idem.flows.search(flows);
    return async () => {
      const [overview, invocations, recentFlows] = await Promise.all([
        get("/_idem/api/overview"),
        get("/_idem/api/invocations?limit=" + LIMIT),
        get("/_idem/api/flows?limit=10"),
      ]);
      drawOverview(overview);
      drawInvocations(invocations);
      Idem.flows.drawRecent(recentFlows);
    };
  });
})();
