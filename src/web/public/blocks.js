// A small Block Kit renderer for the block and element types the bot sends: header, section
// (text and fields), context, divider, actions (button, overflow) and, in modals, input
// (plain_text_input, datetimepicker). Text is escaped first, then Slack's mrkdwn is applied.

(() => {
  const emoji = {
    white_check_mark: "✅",
    handshake: "🤝",
    warning: "⚠️",
    sunny: "☀️",
    red_circle: "🔴",
    mag: "🔍",
  };
  function escapeHtml(text) {
    return String(text).replace(
      /[&<>"']/g,
      (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
    );
  }
  function mrkdwn(text) {
    // Slack escapes &, < and > itself; undo that before escaping for HTML.
    const raw = String(text).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    return escapeHtml(raw)
      .replace(/`([^`\n]+)`/g, "<code>$1</code>")
      .replace(/(^|[\s(])\*([^*\n]+)\*/g, "$1<strong>$2</strong>")
      .replace(/(^|[\s(])_([^_\n]+)_/g, "$1<em>$2</em>")
      .replace(/(^|[\s(])~([^~\n]+)~/g, "$1<s>$2</s>")
      .replace(/:([a-z_]+):/g, (m, name) => emoji[name] ?? m);
  }
  function textOf(t) {
    if (!t) return "";
    return t.type === "mrkdwn" ? mrkdwn(t.text) : escapeHtml(t.text);
  }
  function el(tag, className, html) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (html !== undefined) e.innerHTML = html;
    return e;
  }
  function element(item, onAction) {
    if (item.type === "button") {
      const b = el("button", item.style === "primary" ? "primary" : "", escapeHtml(item.text.text));
      b.type = "button";
      b.dataset.actionId = item.action_id;
      b.addEventListener("click", () => onAction(item.action_id, item.value ?? ""));
      return b;
    }
    if (item.type === "overflow") {
      const label = el("label", "bk-overflow");
      label.append("More");
      const s = document.createElement("select");
      s.append(new Option("More…", ""));
      for (const o of item.options) s.append(new Option(o.text.text, o.value));
      s.addEventListener("change", () => {
        if (s.value) onAction(item.action_id, s.value);
        s.value = "";
      });
      const wrap = el("span");
      wrap.append(s);
      s.setAttribute("aria-label", "More actions");
      return wrap;
    }
    return el("span", "muted", `[${escapeHtml(item.type)}]`);
  }
  function input(block) {
    const label = el("label");
    label.append(block.label.text);
    const e = block.element;
    let field;
    if (e.type === "datetimepicker") {
      field = document.createElement("input");
      field.type = "datetime-local";
      if (e.initial_date_time) {
        const d = new Date(e.initial_date_time * 1000);
        field.value = new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
      }
    } else {
      field = document.createElement(e.multiline ? "textarea" : "input");
      if (!e.multiline) field.type = "text";
      if (e.max_length) field.maxLength = e.max_length;
      if (e.placeholder) field.placeholder = e.placeholder.text;
    }
    field.name = block.block_id;
    field.required = true;
    label.append(field);
    return label;
  }
  function render(blocks, onAction) {
    const root = el("div", "bk");
    for (const block of blocks ?? []) {
      if (block.type === "header") root.append(el("div", "bk-header", escapeHtml(block.text.text)));
      else if (block.type === "section") {
        const s = el("div", "bk-section", textOf(block.text));
        if (block.fields) {
          const f = el("div", "bk-fields");
          for (const field of block.fields) f.append(el("div", "", textOf(field)));
          s.append(f);
        }
        root.append(s);
      } else if (block.type === "context") {
        root.append(el("div", "bk-context", block.elements.map(textOf).join(" · ")));
      } else if (block.type === "divider") root.append(el("hr", "bk-divider"));
      else if (block.type === "actions") {
        const a = el("div", "bk-actions");
        for (const item of block.elements) a.append(element(item, onAction));
        root.append(a);
      } else if (block.type === "input") root.append(input(block));
    }
    return root;
  }
  window.BlockKit = { render, mrkdwn, escapeHtml };
})();
