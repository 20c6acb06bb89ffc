"use strict";
// The console's keyboard shortcuts, on every page, and the "Keyboard shortcuts" disclosure in the
// header that lists them (the "?" key opens it). A shortcut is one key, or two keys typed one after
// the other ("g o"). Keys typed into a text field, or with Ctrl, Alt or Meta held, are the field's
// and the browser's: the shortcuts leave them alone.
(function () {
  // The second key of a pair must follow the first within this time.
  const PAIR_MS = 1500;

  const SHORTCUTS = [
    { keys: "g o", what: "Go to the overview", run: () => go("/_idem/") },
    { keys: "g f", what: "Go to the faults page", run: () => go("/_idem/fault-injection") },
    { keys: "/", what: "Search flows (where the page has a flow search box)", run: search },
    { keys: "p", what: "Pause or resume the page's updates", run: () => click("pause") },
    { keys: "?", what: "Show or hide this list", run: toggleList },
  ];

  let pending = null;
  let pendingAt = 0;

  function go(path) {
    if (location.pathname !== path) location.assign(path);
    return true;
  }

  function click(id) {
    const el = document.getElementById(id);
    if (el) el.click();
    return el !== null;
  }

  // Only a page with the search box takes "/"; elsewhere the key is left to the browser.
  function search() {
    const box = document.getElementById("flow-search");
    if (!box) return false;
    box.focus();
    return true;
  }

  function toggleList() {
    const list = document.getElementById("shortcuts");
    list.open = !list.open;
    if (list.open) list.querySelector("summary").focus();
    return true;
  }

  function typing(target) {
    return target instanceof HTMLElement &&
      (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  }

  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    if (typing(event.target)) return;
    if (event.key === "Escape") {
      const list = document.getElementById("shortcuts");
      if (list.open) {
        list.open = false;
        list.querySelector("summary").focus();
      }
      pending = null;
      return;
    }
    const fresh = pending !== null && event.timeStamp - pendingAt <= PAIR_MS;
    const typed = fresh ? pending + " " + event.key : event.key;
    pending = null;
    const shortcut = SHORTCUTS.find((s) => s.keys === typed);
    if (shortcut) {
      if (shortcut.run()) event.preventDefault();
    } else if (SHORTCUTS.some((s) => s.keys.startsWith(typed + " "))) {
      pending = typed;
      pendingAt = event.timeStamp;
      event.preventDefault();
    }
  }

  function listElement() {
    const details = document.createElement("details");
    details.id = "shortcuts";
    const summary = document.createElement("summary");
    summary.textContent = "Keyboard shortcuts";
    const list = document.createElement("dl");
    for (const s of SHORTCUTS) {
      const dt = document.createElement("dt");
      s.keys.split(" ").forEach((key, i) => {
        if (i > 0) dt.append(" then ");
        const kbd = document.createElement("kbd");
        kbd.textContent = key;
        dt.appendChild(kbd);
      });
      const dd = document.createElement("dd");
      dd.textContent = s.what;
      list.append(dt, dd);
    }
    const note = document.createElement("p");
    note.textContent = "Keys typed into a text field stay there. Tab moves between links, " +
      "buttons and fields; \"Skip to content\" is the first stop.";
    details.append(summary, list, note);
    return details;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelector("header").appendChild(listElement());
    document.addEventListener("keydown", onKey);
  });
})();
