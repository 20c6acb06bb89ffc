"use strict";
// One table: its key schema, indexes and stream (with each stream mapping's position per shard),
// its first items page by page, and a lookup of one item by its key.
(function () {
  const LIMIT = 20;
  const MARKUP = `
  <h2 id="table-heading"></h2>
  <section aria-labelledby="table-schema-heading">
    <h3 id="table-schema-heading">Keys and indexes</h3>
    <table id="table-keys">
      <caption>The table's key and its secondary indexes' keys.</caption>
      <thead><tr>
        <th scope="col">Index</th><th scope="col">Attribute</th><th scope="col">Key type</th>
        <th scope="col">Type</th><th scope="col">Projection</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section aria-labelledby="table-stream-heading">
    <h3 id="table-stream-heading">Stream</h3>
    <p id="table-stream"></p>
    <table id="table-shards">
      <caption>Per stream mapping and shard: the last sequence number handed to the function and the records not yet handed.</caption>
      <thead><tr>
        <th scope="col">Function</th><th scope="col">Shard</th><th scope="col">State</th>
        <th scope="col">Last handed</th><th scope="col">Behind</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>
  <section aria-labelledby="table-lookup-heading">
    <h3 id="table-lookup-heading">Look up an item</h3>
    <form id="lookup-form"><div id="lookup-fields"></div><button type="submit" id="lookup">Look up</button></form>
    <pre id="lookup-result" role="status" aria-live="polite"></pre>
  </section>
  <section aria-labelledby="table-items-heading">
    <h3 id="table-items-heading">Items</h3>
    <p id="table-items-note"></p>
    <ol id="table-items" class="items"></ol>
    <button type="button" id="items-first">First page</button>
    <button type="button" id="items-next">Next page</button>
  </section>`;

  const { cell, fill, get } = Idem;

  function keys(t) {
    const rows = t.keySchema.map((k) => ({ index: "table", k: k, projection: "—" }));
    for (const index of t.indexes) {
      for (const k of index.keySchema) {
        rows.push({ index: index.name + " (" + index.kind + ")", k: k, projection: index.projection });
      }
    }
    fill("table-keys", rows, (tr, r) => {
      cell(tr, r.index);
      cell(tr, r.k.attribute);
      cell(tr, r.k.keyType === "HASH" ? "partition (HASH)" : "sort (RANGE)");
      cell(tr, r.k.type);
      cell(tr, r.projection);
    });
  }

  function stream(t) {
    const s = t.stream;
    document.getElementById("table-stream").textContent = s.enabled
      ? "Enabled, view type " + s.viewType + "; " + s.mappings.length + " mapping(s) read it."
      : "No stream.";
    const rows = [];
    for (const m of s.mappings) for (const shard of m.shards) rows.push({ f: m.function, s: shard });
    fill("table-shards", rows, (tr, r) => {
      cell(tr, r.f);
      cell(tr, r.s.shardId);
      cell(tr, r.s.state);
      cell(tr, r.s.lastHandedSequenceNumber || "none yet");
      cell(tr, r.s.behind + (r.s.behindAtLeast ? "+" : ""), true);
    });
  }

  function items(list) {
    const ol = document.getElementById("table-items");
    const fragment = document.createDocumentFragment();
    for (const item of list) {
      const li = document.createElement("li");
      const pre = document.createElement("pre");
      pre.textContent = JSON.stringify(item, null, 2);
      li.appendChild(pre);
      fragment.appendChild(li);
    }
    ol.replaceChildren(fragment);
  }

  function lookupFields(t) {
    const div = document.getElementById("lookup-fields");
    if (div.childElementCount > 0) return;
    for (const k of t.keySchema) {
      const label = document.createElement("label");
      label.htmlFor = "key-" + k.attribute;
      label.textContent = k.attribute + " (" + k.type + ") ";
      const input = document.createElement("input");
      input.id = "key-" + k.attribute;
      input.name = k.attribute;
      input.required = true;
      if (k.type === "N") input.inputMode = "decimal";
      div.append(label, input, " ");
    }
  }

  Idem.view(/^\/_idem\/tables\/([^/]+)$/, (m) => "Table " + decodeURIComponent(m[1]), (match, main) => {
    const name = decodeURIComponent(match[1]);
    main.innerHTML = MARKUP;
    document.getElementById("table-heading").textContent = "Table " + name;
    const api = "/_idem/api/tables/" + encodeURIComponent(name);
    let page = null;   // the token of the page shown; null for the first
    let next = null;
    document.getElementById("items-first").addEventListener("click", () => { page = null; });
    document.getElementById("items-next").addEventListener("click", () => { if (next) page = next; });
    document.getElementById("lookup-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const query = new URLSearchParams(new FormData(event.target)).toString();
      const out = document.getElementById("lookup-result");
      try {
        const found = await get(api + "/item?" + query);
        out.className = "";
        out.textContent = JSON.stringify(found.item, null, 2);
      } catch (e) {
        out.className = "problem";
        out.textContent = e.message;
      }
    });
    return async () => {
      const t = await get(api + "?limit=" + LIMIT + (page ? "&next=" + encodeURIComponent(page) : ""));
      keys(t);
      stream(t);
      lookupFields(t);
      items(t.items);
      next = t.next;
      document.getElementById("items-next").disabled = !next;
      document.getElementById("table-items-note").textContent =
        t.items.length + " item(s) on this page, about " + t.itemCount + " in the table (DynamoDB updates that count every few hours; DynamoDB Local at once).";
    };
  });
})();
