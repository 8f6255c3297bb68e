(() => {
  const $ = (id) => document.getElementById(id);
  let rep;
  async function call(method, path, body) {
    const res = await fetch(path, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await res.json();
    if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
    return data;
  }
  function show(target, result) {
    if (result.error) {
      $("notice").textContent = "";
      target.replaceChildren(
        Object.assign(document.createElement("p"), { className: "error", textContent: result.error }),
      );
      return;
    }
    if (result.notice !== undefined) $("notice").textContent = result.notice;
    if (result.modal) return openModal(result.modal);
    if (result.message)
      target.replaceChildren(BlockKit.render(result.message.blocks, (a, v) => click(target, a, v)));
    else if (result.note)
      target.replaceChildren(
        Object.assign(document.createElement("p"), { className: "muted", textContent: result.note }),
      );
  }
  async function click(target, actionId, value) {
    try {
      const result = await call("POST", "/local/click", { rep, actionId, value });
      if (result.message && target === $("reply") && actionId !== "run_command") {
        show($("nudge"), result);
      } else show(target, result);
      if (target === $("reply") && actionId !== "run_command") await refreshNudge();
    } catch (err) {
      show(target, { error: err.message });
    }
  }
  function openModal(view) {
    const dialog = $("modal");
    const form = $("modal-form");
    const meta = JSON.parse(view.private_metadata);
    const title = Object.assign(document.createElement("h2"), {
      id: "modal-title",
      textContent: view.title.text,
    });
    const body = BlockKit.render(view.blocks, () => {});
    const buttons = document.createElement("p");
    const save = Object.assign(document.createElement("button"), {
      type: "submit",
      className: "primary",
      textContent: view.submit.text,
    });
    const cancel = Object.assign(document.createElement("button"), {
      type: "button",
      textContent: view.close.text,
    });
    cancel.addEventListener("click", () => dialog.close());
    buttons.append(save, " ", cancel);
    const error = Object.assign(document.createElement("p"), { className: "error", role: "alert" });
    form.replaceChildren(title, body, error, buttons);
    form.onsubmit = async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const payload =
        view.callback_id === "pick_note_modal"
          ? { kind: "note", rep, pickId: meta.pickId, note: data.get("note") }
          : { kind: "promise", rep, pickId: meta.pickId, what: data.get("what"), due: data.get("due") };
      try {
        const result = await call("POST", "/local/form", payload);
        if (result.error) {
          error.textContent = result.error;
          return;
        }
        dialog.close();
        show($("nudge"), result);
      } catch (err) {
        error.textContent = err.message;
      }
    };
    dialog.showModal();
    form.querySelector("textarea, input")?.focus();
  }
  async function refreshNudge() {
    if (!rep) return;
    show($("nudge"), await call("GET", `/local/nudge?rep=${rep}`));
  }
  function applyState(state) {
    $("today").value = state.today;
    const empty = state.reps.length === 0;
    $("empty").hidden = !empty;
    $("app").hidden = empty;
    const select = $("rep");
    const chosen = rep;
    select.replaceChildren(...state.reps.map((r) => new Option(`${r.name} (${r.role})`, String(r.id))));
    if (chosen && state.reps.some((r) => r.id === chosen)) select.value = String(chosen);
    rep = state.reps.length ? Number(select.value) : undefined;
  }
  async function start() {
    applyState(await call("GET", "/local/state"));
    await refreshNudge();
  }
  $("load-demo").addEventListener("click", async () => {
    const button = $("load-demo");
    button.disabled = true;
    button.textContent = "Loading the demo…";
    try {
      applyState(await call("POST", "/local/demo", {}));
      await refreshNudge();
    } finally {
      button.disabled = false;
      button.textContent = "Load the demo";
    }
  });
  $("rep").addEventListener("change", async () => {
    rep = Number($("rep").value);
    $("notice").textContent = "";
    $("reply").replaceChildren();
    await refreshNudge();
  });
  $("next-day").addEventListener("click", async () => {
    $("next-day").disabled = true;
    try {
      applyState(await call("POST", "/local/next-day", { days: 1 }));
      $("notice").textContent = `It is now ${$("today").value}.`;
      await refreshNudge();
    } finally {
      $("next-day").disabled = false;
    }
  });
  $("command-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      show($("reply"), await call("POST", "/local/command", { rep, text: $("command").value }));
    } catch (err) {
      show($("reply"), { error: err.message });
    }
  });
  start().catch((err) => show($("nudge"), { error: err.message }));
})();
