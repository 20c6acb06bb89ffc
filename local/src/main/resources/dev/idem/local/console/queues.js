"use strict";
// One queue: its counts and redrive policy, the queues that dead-letter to it, a peek at its first
// messages (read without receiving them), and for a dead-letter queue a Redrive button
// (SQS's StartMessageMoveTask) with its latest move tasks.
(function () {
  const PEEK = 10;
  const MARKUP = `
  <h2 id="queue-heading"></h2>
  <p id="queue-redrive-status" role="status" aria-live="polite"></p>
  <section aria-labelledby="queue-attributes-heading">
    <h3 id="queue-attributes-heading">Attributes</h3>
    <table id="queue-attributes">
      <caption>Approximate counts as SQS reports them, and the queue's redrive wiring.</caption>
      <thead><tr><th scope="col">Attribute</th><th scope="col">Value</th></tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section id="queue-redrive" aria-labelledby="queue-redrive-heading" hidden>
    <h3 id="queue-redrive-heading">Redrive</h3>
    <form id="redrive-form">
      <label for="redrive-destination">Destination</label>
      <select id="redrive-destination"><option value="">Each message's source queue</option></select>
      <button type="submit" id="redrive">Redrive to source queue</button>
    </form>
    <table id="queue-move-tasks">
      <caption>This dead-letter queue's latest message move tasks, newest first.</caption>
      <thead><tr>
        <th scope="col">Started</th><th scope="col">Status</th><th scope="col">Destination</th>
        <th scope="col">Moved</th><th scope="col">To move</th><th scope="col">Failure</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section aria-labelledby="queue-messages-heading">
    <h3 id="queue-messages-heading">Messages</h3>
    <p id="queue-peek-note"></p>
    <table id="queue-messages">
      <caption>The first messages, oldest first, read without receiving them: their receive counts and visibility stay as they are.</caption>
      <thead><tr>
        <th scope="col">Sent</th><th scope="col">Message id</th><th scope="col">State</th>
        <th scope="col">Receives</th><th scope="col">Body</th><th scope="col">Attributes</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>`;

  const { cell, link, fill, time, call, get } = Idem;

  function attributes(q) {
    const rows = [
      ["URL", q.url], ["ARN", q.arn], ["Visible", q.visible], ["In flight", q.inFlight],
      ["Delayed", q.delayed], ["Visibility timeout (s)", q.visibilityTimeoutSeconds],
    ];
    fill("queue-attributes", rows, (tr, [name, value]) => {
      cell(tr, name);
      cell(tr, value);
    });
    const body = document.querySelector("#queue-attributes tbody");
    const policy = body.insertRow();
    cell(policy, "Dead-letter queue");
    if (q.redrivePolicy) {
      const td = policy.insertCell();
      td.appendChild(link("/_idem/queues/" + encodeURIComponent(q.redrivePolicy.deadLetterQueue),
        q.redrivePolicy.deadLetterQueue));
      td.append(" after " + q.redrivePolicy.maxReceiveCount + " receives");
    } else {
      cell(policy, "none");
    }
    const sources = body.insertRow();
    cell(sources, "Dead-letter queue of");
    const td = sources.insertCell();
    if (q.deadLetterSources.length === 0) td.textContent = "no queue";
    q.deadLetterSources.forEach((name, i) => {
      if (i > 0) td.append(", ");
      td.appendChild(link("/_idem/queues/" + encodeURIComponent(name), name));
    });
  }

  function messages(q) {
    fill("queue-messages", q.messages, (tr, m) => {
      tr.dataset.messageId = m.messageId;
      time(tr, m.sentAt);
      const id = document.createElement("code");
      id.textContent = m.messageId;
      tr.insertCell().appendChild(id);
      cell(tr, m.state);
      cell(tr, m.receiveCount, true);
      const pre = document.createElement("pre");
      pre.textContent = m.body;
      tr.insertCell().appendChild(pre);
      const attrs = Object.entries(m.messageAttributes)
        .map(([k, v]) => k + " (" + v.dataType + "): " + (v.stringValue ?? v.binaryValue));
      const system = Object.entries(m.systemAttributes).map(([k, v]) => k + ": " + v);
      const list = document.createElement("ul");
      for (const line of attrs.concat(system)) {
        const li = document.createElement("li");
        li.textContent = line;
        list.appendChild(li);
      }
      tr.insertCell().appendChild(list);
    });
    document.getElementById("queue-peek-note").textContent =
      q.messages.length === 0 ? "No messages." :
        "The first " + q.messages.length + " of " + (q.visible + q.inFlight + q.delayed) + " (approximately).";
  }

  function moveTasks(q) {
    fill("queue-move-tasks", q.moveTasks || [], (tr, t) => {
      time(tr, t.startedAt);
      cell(tr, t.status);
      cell(tr, t.destinationArn || "each message's source queue");
      cell(tr, t.moved, true);
      cell(tr, t.toMove, true);
      cell(tr, t.failureReason);
    });
  }

  Idem.view(/^\/_idem\/queues\/([^/]+)$/, (m) => "Queue " + decodeURIComponent(m[1]), (match, main) => {
    const name = decodeURIComponent(match[1]);
    main.innerHTML = MARKUP;
    document.getElementById("queue-heading").textContent = "Queue " + name;
    const api = "/_idem/api/queues/" + encodeURIComponent(name);
    let destinationsFilled = false;
    document.getElementById("redrive-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const destination = document.getElementById("redrive-destination").value;
      const note = document.getElementById("queue-redrive-status");
      try {
        await call("POST", api + "/redrive", destination ? { destination: destination } : {});
        note.className = "";
        note.textContent = "Redrive started: " + (destination || "each message back to its source queue") + ".";
      } catch (e) {
        note.className = "problem";
        note.textContent = "Redrive refused: " + e.message;
      }
    });
    return async () => {
      const q = await get(api + "?peek=" + PEEK);
      attributes(q);
      messages(q);
      const isDlq = q.deadLetterSources.length > 0;
      document.getElementById("queue-redrive").hidden = !isDlq;
      if (isDlq) {
        if (!destinationsFilled) {
          const select = document.getElementById("redrive-destination");
          for (const source of q.deadLetterSources) {
            const option = document.createElement("option");
            option.value = source;
            option.textContent = source;
            select.appendChild(option);
          }
          destinationsFilled = true;
        }
        moveTasks(q);
      }
    };
  });
})();
