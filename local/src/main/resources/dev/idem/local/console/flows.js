"use strict";
// Flows: one request followed across every hop (/_idem/flows/<id>), the recent flows
// (/_idem/flows), and one invocation's payloads and log lines (/_idem/invocations/<requestId>).
(function () {
  const { cell, link, linkCell, ms, time, timeElement, fill, get } = Idem;

  const KINDS = {
    "api-request": "API request",
    "invocation": "Invocation",
    "aws-call": "AWS call",
    "event-match": "Rule match",
    "delivery": "Delivery",
    "stub-call": "External call (stub)",
    "fault": "Fault injected",
  };

  // The lookup form: Enter (or the button) opens the flow of what was typed.
  const SEARCH = `
  <form id="flow-form" role="search">
    <label for="flow-search">Follow a flow — an order id, a correlation id or a request id:</label>
    <input id="flow-search" type="search" autocomplete="off" spellcheck="false" size="40">
    <button type="submit">Open flow</button>
  </form>`;

  const RECENT = `
  <table id="flows">
    <caption>Requests that entered the system, newest first: open one to see every hop it led to.</caption>
    <thead><tr>
      <th scope="col">Started</th><th scope="col">Flow</th><th scope="col">Request</th>
      <th scope="col">Hops</th><th scope="col">Errors</th><th scope="col">Faults</th>
      <th scope="col">Replays</th>
    </tr></thead>
    <tbody></tbody>
  </table>`;

  function flowHref(id) {
    return "/_idem/flows/" + encodeURIComponent(id);
  }

  function invocationHref(requestId) {
    return "/_idem/invocations/" + encodeURIComponent(requestId);
  }

  // Wires the lookup form inside root.
  function search(root) {
    const form = root.querySelector("#flow-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const id = form.querySelector("#flow-search").value.trim();
      if (id) location.assign(flowHref(id));
    });
  }

  function drawRecent(list) {
    fill("flows", list.flows, (tr, f) => {
      time(tr, f.start);
      linkCell(tr, flowHref(f.id), f.id);
      cell(tr, f.label);
      cell(tr, f.hopCount, true);
      cell(tr, f.errors, true);
      cell(tr, f.faults, true);
      cell(tr, f.replays, true);
    });
  }

  // One line per decision: "replay: the stored response was returned… (key hash 3f2a…, PlaceOrder)".
  function decisionText(d) {
    return d.words + " — key hash " + (d.keyHash || "?") + (d.keyPrefix ? ", " + d.keyPrefix : "");
  }

  function what(hop) {
    const td = document.createElement("td");
    const summary = document.createElement("div");
    summary.textContent = hop.summary;
    td.appendChild(summary);
    const notes = [];
    for (const d of hop.decisions || []) notes.push(["decision", "Idempotency: " + decisionText(d)]);
    if (hop.kind === "fault") notes.push(["fault", "Target: " + hop.target]);
    if (hop.receiveCount > 1) notes.push(["retry", "Redelivered: receive count " + hop.receiveCount]);
    if (hop.attempt > 1 && hop.kind === "invocation") notes.push(["retry", "Retry: attempt " + hop.attempt]);
    if (hop.idempotencyKey) notes.push(["key", "Idempotency-Key: " + hop.idempotencyKey]);
    if (hop.keyHash && hop.kind === "stub-call") notes.push(["key", "Idempotency-Key hash " + hop.keyHash]);
    for (const [kind, text] of notes) {
      const note = document.createElement("div");
      note.className = "note note-" + kind;
      note.textContent = text;
      td.appendChild(note);
    }
    if (hop.request) {
      const details = document.createElement("details");
      const label = document.createElement("summary");
      label.textContent = "Request body";
      const pre = document.createElement("pre");
      pre.textContent = pretty(hop.request);
      details.append(label, pre);
      td.appendChild(details);
    }
    return td;
  }

  function drawFlow(flow) {
    document.getElementById("flow-summary").textContent =
      flow.hopCount + " hops over " + ms(flow.durationMs) + " ms; " + flow.errors + " errors, " +
      flow.faults + " faults injected, " + flow.replays + " replays." + (flow.cut ? " " + flow.note : "");
    fill("hops", flow.hops, (tr, hop) => {
      tr.dataset.kind = hop.kind;
      if (hop.error) tr.className = "hop-error";
      cell(tr, "+" + ms(hop.offsetMs), true);
      cell(tr, hop.durationMs === undefined ? "—" : ms(hop.durationMs), true);
      const kind = cell(tr, KINDS[hop.kind] || hop.kind);
      kind.appendChild(document.createElement("br"));
      kind.appendChild(timeElement(hop.at));
      cell(tr, hop.resource);
      tr.appendChild(what(hop));
      cell(tr, hop.outcome).className = hop.error ? "problem" : "";
      if (hop.kind === "invocation" && hop.requestId) {
        linkCell(tr, invocationHref(hop.requestId), hop.requestId).className = "id";
      } else {
        cell(tr, hop.kind === "api-request" ? hop.apiRequestId : null).className = "id";
      }
    });
  }

  function pretty(text) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch (e) {
      return text;
    }
  }

  Idem.view(/^\/_idem\/flows\/?$/, "Flows", (match, main) => {
    main.innerHTML = "<h2>Flows</h2>" + SEARCH + RECENT;
    search(main);
    return async () => drawRecent(await get("/_idem/api/flows?limit=50"));
  });

  Idem.view(
    /^\/_idem\/flows\/([^/]+)$/,
    (m) => "Flow " + decodeURIComponent(m[1]),
    (match, main) => {
      const id = decodeURIComponent(match[1]);
      main.innerHTML = `
      <h2 id="flow-heading"></h2>
      <p id="flow-summary"></p>
      <table id="hops">
        <caption>Every hop, by time from the first; times in your time zone (UTC on hover).</caption>
        <thead><tr>
          <th scope="col">Offset (ms)</th><th scope="col">Duration (ms)</th><th scope="col">Hop</th>
          <th scope="col">Where</th><th scope="col">What happened</th><th scope="col">Outcome</th>
          <th scope="col">Request id</th>
        </tr></thead>
        <tbody></tbody>
      </table>` + SEARCH;
      document.getElementById("flow-heading").textContent = "Flow of " + id;
      search(main);
      main.querySelector("#flow-search").value = id;
      return async () => drawFlow(await get("/_idem/api/flows/" + encodeURIComponent(id)));
    });

  Idem.view(
    /^\/_idem\/invocations\/([^/]+)$/,
    (m) => "Invocation " + decodeURIComponent(m[1]),
    (match, main) => {
      const requestId = decodeURIComponent(match[1]);
      main.innerHTML = `
      <h2 id="invocation-heading"></h2>
      <dl id="invocation-facts"></dl>
      <h3>Idempotency decisions</h3><ul id="invocation-decisions"></ul>
      <h3>Event</h3><pre id="invocation-payload"></pre>
      <h3>Response</h3><pre id="invocation-response"></pre>
      <h3>Log lines</h3><pre id="invocation-log"></pre>`;
      document.getElementById("invocation-heading").textContent = "Invocation " + requestId;
      let drawn = false;
      return async () => {
        if (drawn) return; // an invocation that ended does not change
        const inv = await get("/_idem/api/invocations/" + encodeURIComponent(requestId));
        const facts = document.getElementById("invocation-facts");
        const source = inv.source + (inv.sourceName ? " " + inv.sourceName : "");
        for (const [name, value] of [
          ["Function", inv.function],
          ["Source", source + (inv.attempt > 1 ? ", attempt " + inv.attempt : "")],
          ["Batch size", inv.batchSize],
          ["Started", timeElement(inv.start)],
          ["Duration (ms)", ms(inv.durationMs)],
          ["Outcome", inv.errorType ? inv.outcome + " (" + inv.errorType + ")" : inv.outcome],
        ]) {
          const dt = document.createElement("dt");
          dt.textContent = name;
          const dd = document.createElement("dd");
          if (value instanceof Node) dd.appendChild(value);
          else dd.textContent = value;
          facts.append(dt, dd);
        }
        const decisions = document.getElementById("invocation-decisions");
        for (const d of inv.decisions) {
          const li = document.createElement("li");
          li.textContent = decisionText(d);
          decisions.appendChild(li);
        }
        if (!inv.decisions.length) decisions.innerHTML = "<li>None logged.</li>";
        document.getElementById("invocation-payload").textContent = pretty(inv.payload);
        document.getElementById("invocation-response").textContent = pretty(inv.response);
        document.getElementById("invocation-log").textContent = inv.log || "(no lines)";
        drawn = true;
      };
    });

  // For the overview: its lookup form and recent flows.
  Idem.flows = { SEARCH, RECENT, search, drawRecent, invocationHref, link };
})();
