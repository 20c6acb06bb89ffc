"use strict";
// Polls the console's JSON and redraws the tables in place; no framework, no build step.
(function () {
  const PERIOD_MS = 1500;
  const LIMIT = 50;
  let paused = false;

  function cell(row, text, numeric) {
    const td = row.insertCell();
    td.textContent = text === null || text === undefined ? "—" : String(text);
    if (numeric) td.className = "number";
    return td;
  }

  function ms(value) {
    return value === null || value === undefined ? "—" : value.toFixed(1);
  }

  // The viewer's local time, with the UTC instant in the title (shown on hover).
  function time(row, iso) {
    const td = row.insertCell();
    const el = document.createElement("time");
    const date = new Date(iso);
    el.dateTime = iso;
    el.title = "UTC " + date.toISOString();
    el.textContent = date.toLocaleTimeString();
    td.appendChild(el);
  }

  function fill(id, items, draw) {
    const body = document.querySelector("#" + id + " tbody");
    const rows = document.createDocumentFragment();
    for (const item of items) {
      const tr = document.createElement("tr");
      draw(tr, item);
      rows.appendChild(tr);
    }
    body.replaceChildren(rows);
  }

  function problem(row, item, span) {
    const td = cell(row, "Error: " + item.error);
    td.colSpan = span;
    td.className = "problem";
  }

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
      cell(tr, q.name);
      if (q.error) return problem(tr, q, 5);
      cell(tr, q.visible, true);
      cell(tr, q.inFlight, true);
      cell(tr, q.delayed, true);
      cell(tr, q.deadLetterQueue || "none");
      cell(tr, q.deadLetterQueue ? q.deadLetterDepth : null, true);
    });
    fill("tables", o.tables, (tr, t) => {
      cell(tr, t.name);
      if (t.error) return problem(tr, t, 1);
      cell(tr, t.items, true);
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
      cell(tr, i.source);
      cell(tr, i.batchSize, true);
      cell(tr, ms(i.durationMs), true);
      const outcome = cell(tr, i.errorType ? i.outcome + " (" + i.errorType + ")" : i.outcome);
      outcome.className = "outcome-" + i.outcome;
      const id = document.createElement("code");
      id.textContent = i.requestId || "—";
      tr.insertCell().appendChild(id);
    });
  }

  async function get(path) {
    const response = await fetch(path, { cache: "no-store" });
    if (!response.ok) throw new Error(path + " answered " + response.status);
    return response.json();
  }

  async function poll() {
    const status = document.getElementById("status");
    if (!paused) {
      try {
        const [overview, invocations] =
          await Promise.all([get("/_idem/api/overview"), get("/_idem/api/invocations?limit=" + LIMIT)]);
        drawOverview(overview);
        drawInvocations(invocations);
        const at = new Date(overview.at);
        status.className = "";
        status.textContent = "Live: updated at " + at.toLocaleTimeString();
        status.title = "UTC " + at.toISOString();
      } catch (e) {
        status.className = "problem";
        status.textContent = "Not updated: cannot reach the local cloud (" + e.message + ")";
      }
    }
    setTimeout(poll, PERIOD_MS);
  }

  document.getElementById("pause").addEventListener("click", (event) => {
    paused = !paused;
    event.target.setAttribute("aria-pressed", String(paused));
    event.target.textContent = paused ? "Resume updates" : "Pause updates";
    if (paused) document.getElementById("status").textContent = "Paused";
  });
  poll();
})();
