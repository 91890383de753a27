// Tern's web console: a table of queues, a chart and the waiting messages of one queue, actions on it,
// and the connections and policies. It talks to the broker's /api (ConsoleApi); every text from the
// broker is set with textContent, never parsed as HTML.
"use strict";

const REFRESH_MILLIS = 5000;
const PAGE_SIZE = 20;
const state = {
  queues: [],
  sortKey: "name",
  sortAscending: true,
  filter: "",
  selected: null,
  offset: 0,
  total: 0,
  statusUntil: 0,
};

const $ = (id) => document.getElementById(id);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: "same-origin", ...options });
  const type = response.headers.get("content-type") || "";
  const body = type.startsWith("application/json") ? await response.json() : await response.text();
  if (!response.ok) {
    const message = body && body.error ? body.error : String(body).trim();
    throw new Error(message || response.status + " " + response.statusText);
  }
  return body;
}

/** Shows a line in the header; the outcome of an action stays a while before "updated" replaces it. */
function say(text, failed, sticky) {
  const status = $("status");
  status.textContent = text;
  status.style.color = failed ? "#ff8a80" : "";
  state.statusUntil = sticky ? Date.now() + 3 * REFRESH_MILLIS : 0;
}

// ---- queues -------------------------------------------------------------------------------------

function formatNumber(value) {
  if (typeof value !== "number") {
    return value;
  }
  return Number.isInteger(value) ? value.toLocaleString("en") : value.toFixed(1);
}

function sortedQueues() {
  const filter = state.filter.toLowerCase();
  const shown = state.queues.filter((queue) => queue.name.toLowerCase().includes(filter));
  const key = state.sortKey;
  shown.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return state.sortAscending ? order : -order;
  });
  return shown;
}

function renderQueues() {
  const body = $("queue-table").tBodies[0];
  body.replaceChildren();
  const shown = sortedQueues();
  for (const queue of shown) {
    const row = element("tr");
    row.dataset.queue = queue.name;
    if (queue.name === state.selected) {
      row.classList.add("selected");
    }
    row.append(
      element("td", queue.name, "name"),
      element("td", queue.kind),
      element("td", queue.paused ? "paused" : "active", queue.paused ? "state-paused state" : "state"),
      element("td", formatNumber(queue.messageCount), "num messages"),
      element("td", formatNumber(queue.inFlightCount), "num"),
      element("td", formatNumber(queue.consumerCount), "num consumers"),
      element("td", formatNumber(queue.inPerSecond), "num"),
      element("td", formatNumber(queue.outPerSecond), "num"),
      element("td", formatNumber(queue.enqueuedCount), "num"),
      element("td", formatNumber(queue.dequeuedCount), "num"),
      element("td", formatNumber(queue.deadLetteredCount), "num"));
    row.addEventListener("click", () => selectQueue(queue.name));
    body.append(row);
  }
  $("queue-count").textContent = shown.length + " of " + state.queues.length + " queues";
  for (const header of $("queue-table").tHead.rows[0].cells) {
    header.classList.toggle("sorted-asc", header.dataset.key === state.sortKey && state.sortAscending);
    header.classList.toggle("sorted-desc", header.dataset.key === state.sortKey && !state.sortAscending);
  }
}

async function loadQueues() {
  state.queues = await api("/api/queues");
  renderQueues();
  const selected = state.queues.find((queue) => queue.name === state.selected);
  if (selected) {
    $("pause-button").disabled = selected.paused;
    $("resume-button").disabled = !selected.paused;
  }
}

// ---- one queue ----------------------------------------------------------------------------------

async function selectQueue(name) {
  state.selected = name;
  state.offset = 0;
  $("detail-name").textContent = name;
  $("queue-detail").hidden = false;
  $("message-view").hidden = true;
  renderQueues();
  await loadQueues();
  await Promise.all([loadHistory(), loadMessages()]);
}

async function loadHistory() {
  if (!state.selected) {
    return;
  }
  const history = await api("/api/history?queue=" + encodeURIComponent(state.selected));
  const points = history.points;
  drawChart($("depth-chart"), points, [{ key: "depth", className: "depth" }]);
  drawChart($("rate-chart"), points, [
    { key: "inPerSecond", className: "in" },
    { key: "outPerSecond", className: "out" },
  ]);
}

function svgElement(tag, attributes) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  return node;
}

function drawChart(svg, points, series) {
  const width = 600;
  const height = 160;
  const left = 48;
  const bottom = 20;
  svg.replaceChildren();
  const max = Math.max(1, ...points.flatMap((point) => series.map((line) => point[line.key])));
  const first = points.length ? points[0].time : 0;
  const last = points.length ? points[points.length - 1].time : 1;
  const span = Math.max(1, last - first);
  const x = (time) => left + ((time - first) / span) * (width - left - 8);
  const y = (value) => height - bottom - (value / max) * (height - bottom - 10);
  svg.append(svgElement("line", { x1: left, y1: height - bottom, x2: width - 8, y2: height - bottom, class: "axis" }));
  svg.append(svgElement("line", { x1: left, y1: 10, x2: left, y2: height - bottom, class: "axis" }));
  const top = svgElement("text", { x: left - 6, y: 16, "text-anchor": "end", class: "label" });
  top.textContent = formatNumber(max);
  const zero = svgElement("text", { x: left - 6, y: height - bottom, "text-anchor": "end", class: "label" });
  zero.textContent = "0";
  const since = svgElement("text", { x: left, y: height - 4, class: "label" });
  since.textContent = points.length ? new Date(first).toLocaleTimeString() : "no points yet";
  const until = svgElement("text", { x: width - 8, y: height - 4, "text-anchor": "end", class: "label" });
  until.textContent = points.length ? new Date(last).toLocaleTimeString() : "";
  svg.append(top, zero, since, until);
  for (const line of series) {
    const coordinates = points.map((point) => x(point.time).toFixed(1) + "," + y(point[line.key]).toFixed(1));
    if (coordinates.length === 1) {
      coordinates.push((width - 8) + "," + y(points[0][line.key]).toFixed(1));
    }
    svg.append(svgElement("polyline", { points: coordinates.join(" "), class: line.className }));
  }
}

async function loadMessages() {
  if (!state.selected) {
    return;
  }
  const page = await api("/api/messages?queue=" + encodeURIComponent(state.selected)
    + "&offset=" + state.offset + "&limit=" + PAGE_SIZE);
  state.total = page.total;
  const body = $("message-table").tBodies[0];
  body.replaceChildren();
  for (const message of page.messages) {
    const row = element("tr");
    row.dataset.messageId = message.messageId;
    const preview = message.text !== null ? message.text : message.bytesHex !== null ? message.bytesHex : "";
    row.append(
      element("td", message.messageId, "id"),
      element("td", message.priority, "num"),
      element("td", message.timestamp ? new Date(message.timestamp).toLocaleString() : ""),
      element("td", message.deliveryCount, "num"),
      element("td", message.bodyType + " (" + message.bodySize + " bytes)"),
      element("td", preview.slice(0, 80), "preview"));
    row.addEventListener("click", () => showMessage(message));
    body.append(row);
  }
  const to = Math.min(state.total, state.offset + page.messages.length);
  $("page-info").textContent = state.total === 0 ? "no messages waiting"
    : (state.offset + 1) + "–" + to + " of " + state.total;
  $("previous-page").disabled = state.offset === 0;
  $("next-page").disabled = state.offset + PAGE_SIZE >= state.total;
}

function showMessage(message) {
  $("message-view").hidden = false;
  $("message-view-title").textContent = message.messageId;
  const rows = [
    ["Priority", message.priority],
    ["Sent", message.timestamp ? new Date(message.timestamp).toISOString() : "-"],
    ["Expires", message.expiration ? new Date(message.expiration).toISOString() : "never"],
    ["Persistent", message.persistent],
    ["Deliveries", message.deliveryCount],
    ["Correlation ID", message.correlationId || "-"],
    ["Type", message.type || "-"],
    ["Reply to", message.replyTo || "-"],
    ["Body", message.bodyType + ", " + message.bodySize + " bytes"],
  ];
  for (const [name, value] of Object.entries(message.properties || {})) {
    rows.push([name, JSON.stringify(value)]);
  }
  const body = $("message-headers").tBodies[0];
  body.replaceChildren();
  for (const [name, value] of rows) {
    const row = element("tr");
    row.append(element("td", name), element("td", value));
    body.append(row);
  }
  $("message-body").textContent = message.text !== null ? message.text
    : message.bytesHex !== null ? message.bytesHex : "(no preview for a " + message.bodyType + " body)";
}

// ---- actions ------------------------------------------------------------------------------------

/** Asks for confirmation, with fields to fill; resolves to their values, or null if cancelled. */
function confirmAction(text, fields = []) {
  const dialog = $("confirm");
  $("confirm-text").textContent = text;
  const container = $("confirm-fields");
  container.replaceChildren();
  for (const field of fields) {
    const label = element("label", field.label);
    const input = element("input");
    input.name = field.name;
    input.id = "confirm-field-" + field.name;
    input.placeholder = field.placeholder || "";
    label.append(input);
    container.append(label);
  }
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      if (dialog.returnValue !== "ok") {
        resolve(null);
        return;
      }
      const values = {};
      for (const field of fields) {
        values[field.name] = $("confirm-field-" + field.name).value.trim();
      }
      resolve(values);
    }, { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  });
}

async function act(action, extra = {}) {
  const queue = state.selected;
  try {
    const result = await api("/api/actions", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Tern-Console": "1" },
      body: JSON.stringify({ queue, action, ...extra }),
    });
    say(action + " " + queue + ": " + result.count + " message" + (result.count === 1 ? "" : "s"), false, true);
  } catch (failure) {
    say(action + " " + queue + " failed: " + failure.message, true, true);
  }
  await refresh();
}

function wireActions() {
  $("pause-button").addEventListener("click", () => act("pause"));
  $("resume-button").addEventListener("click", () => act("resume"));
  $("purge-button").addEventListener("click", async () => {
    if (await confirmAction("Remove every waiting message from " + state.selected + "? This cannot be undone.")) {
      await act("purge");
    }
  });
  $("remove-button").addEventListener("click", async () => {
    const values = await confirmAction("Remove the waiting messages of " + state.selected + " that match:", [
      { name: "messageId", label: "Message ID", placeholder: "ID:..." },
      { name: "selector", label: "or a selector", placeholder: "region = 'eu'" },
    ]);
    if (values) {
      await act("remove", values.messageId ? { messageId: values.messageId } : { selector: values.selector });
    }
  });
  $("move-button").addEventListener("click", async () => {
    const values = await confirmAction("Move the waiting messages of " + state.selected + " to another queue:", [
      { name: "target", label: "Target queue" },
      { name: "selector", label: "Only those matching (empty for all)", placeholder: "region = 'eu'" },
    ]);
    if (values) {
      await act("move", { target: values.target, selector: values.selector || null });
    }
  });
  $("retry-button").addEventListener("click", async () => {
    const values = await confirmAction("Move the dead letters of " + state.selected + " back to where they came from:", [
      { name: "selector", label: "Only those matching (empty for all)", placeholder: "_TERN_ORIG_QUEUE = 'orders'" },
    ]);
    if (values) {
      await act("retry", { selector: values.selector || null });
    }
  });
  $("previous-page").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    loadMessages();
  });
  $("next-page").addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    loadMessages();
  });
}

// ---- connections and policies -------------------------------------------------------------------

async function loadConnections() {
  const body = $("connection-table").tBodies[0];
  body.replaceChildren();
  for (const connection of await api("/api/connections")) {
    const row = element("tr");
    row.append(
      element("td", connection.id, "num"),
      element("td", connection.clientId || "-"),
      element("td", connection.user || "(anonymous)"),
      element("td", connection.from),
      element("td", connection.sessions, "num"));
    body.append(row);
  }
}

async function loadPolicies() {
  const body = $("policy-table").tBodies[0];
  body.replaceChildren();
  for (const policy of await api("/api/policies")) {
    const row = element("tr");
    row.append(element("td", policy.pattern === null ? "(default)" : policy.pattern), element("td", policy.setting),
      element("td", policy.value === "" ? '""' : policy.value));
    body.append(row);
  }
}

// ---- the page -----------------------------------------------------------------------------------

function currentPanel() {
  return document.querySelector(".tab.active").dataset.panel;
}

async function refresh() {
  try {
    const panel = currentPanel();
    if (panel === "queues") {
      await loadQueues();
      if (state.selected) {
        await Promise.all([loadHistory(), loadMessages()]);
      }
    } else if (panel === "connections") {
      await loadConnections();
    } else {
      await loadPolicies();
    }
    if (Date.now() >= state.statusUntil) {
      say("updated " + new Date().toLocaleTimeString());
    }
  } catch (failure) {
    say("cannot reach the broker: " + failure.message, true);
  }
}

function wirePage() {
  for (const tab of document.querySelectorAll(".tab")) {
    tab.addEventListener("click", () => {
      for (const other of document.querySelectorAll(".tab")) {
        other.classList.toggle("active", other === tab);
        $(other.dataset.panel).hidden = other !== tab;
      }
      say("");
      refresh();
    });
  }
  for (const header of $("queue-table").tHead.rows[0].cells) {
    header.addEventListener("click", () => {
      if (state.sortKey === header.dataset.key) {
        state.sortAscending = !state.sortAscending;
      } else {
        state.sortKey = header.dataset.key;
        state.sortAscending = header.dataset.key === "name" || header.dataset.key === "kind";
      }
      renderQueues();
    });
  }
  $("filter").addEventListener("input", (event) => {
    state.filter = event.target.value;
    renderQueues();
  });
  wireActions();
  refresh();
  setInterval(refresh, REFRESH_MILLIS);
}

wirePage();
