"use strict";
// The console's shared parts and its router; each view is a script of its own that calls
// Idem.view(...). No framework, no build step. Pages are plain links (the back button, new tabs
// and bookmarks work); the view of the path is drawn, then refreshed every 1.5 s unless paused.
window.Idem = (function () {
  const PERIOD_MS = 1500;
  const views = [];
  let paused = false;

  function cell(row, text, numeric) {
    const td = row.insertCell();
    td.textContent = text === null || text === undefined ? "—" : String(text);
    if (numeric) td.className = "number";
    return td;
  }

  // A cell holding a link (keyboard-reachable, unlike a clickable row).
  function linkCell(row, href, text) {
    const td = row.insertCell();
    td.appendChild(link(href, text));
    return td;
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function ms(value) {
    return value === null || value === undefined ? "—" : value.toFixed(1);
  }

  // The viewer's local time, with the UTC instant in the title (shown on hover).
  function timeElement(iso) {
    const el = document.createElement("time");
    const date = new Date(iso);
    el.dateTime = iso;
    el.title = "UTC " + date.toISOString();
    el.textContent = date.toLocaleTimeString();
    return el;
  }

  function time(row, iso) {
    const td = row.insertCell();
    td.appendChild(timeElement(iso));
    return td;
  }

  function fill(tableId, items, draw) {
    const body = document.querySelector("#" + tableId + " tbody");
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

  // A JSON call; an answer outside 2xx throws an Error with the problem's message.
  async function call(method, path, body) {
    const init = { method: method, cache: "no-store" };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      init.headers = { "Content-Type": "application/json" };
    }
    const response = await fetch(path, init);
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      throw new Error(json.message || path + " answered " + response.status);
    }
    return json;
  }

  function get(path) {
    return call("GET", path);
  }

  function status(text, isProblem, utc) {
    const el = document.getElementById("status");
    el.className = isProblem ? "problem" : "";
    el.textContent = text;
    el.title = utc ? "UTC " + utc.toISOString() : "";
  }

  // Registers a view: pattern is matched against location.pathname; render(match, main) draws
  // its skeleton and returns the function that fetches and redraws its data (or null).
  function view(pattern, title, render) {
    views.push({ pattern: pattern, title: title, render: render });
  }

  function start() {
    const main = document.getElementById("view");
    const path = location.pathname;
    const found = views.map((v) => ({ v: v, match: path.match(v.pattern) })).find((x) => x.match);
    if (!found) {
      const p = document.createElement("p");
      p.className = "problem";
      p.textContent = "The console has no page at " + location.pathname + ".";
      main.replaceChildren(p);
      status("", false);
      return;
    }
    const title = typeof found.v.title === "function" ? found.v.title(found.match) : found.v.title;
    document.title = title + " — Idem local cloud";
    for (const a of document.querySelectorAll("#nav a")) {
      if (a.getAttribute("href") === location.pathname) a.setAttribute("aria-current", "page");
    }
    const refresh = found.v.render(found.match, main);
    async function poll() {
      if (!paused && refresh) {
        try {
          await refresh();
          const now = new Date();
          // Paused while the refresh was under way: "Paused" stays.
          if (!paused) status("Live: updated at " + now.toLocaleTimeString(), false, now);
        } catch (e) {
          status("Not updated: " + e.message, true);
        }
      }
      setTimeout(poll, PERIOD_MS);
    }
    poll();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("pause").addEventListener("click", (event) => {
      paused = !paused;
      event.target.setAttribute("aria-pressed", String(paused));
      event.target.textContent = paused ? "Resume updates" : "Pause updates";
      if (paused) status("Paused", false);
    });
    start();
  });

  return { cell, linkCell, link, ms, time, timeElement, fill, problem, call, get, status, view };
})();
