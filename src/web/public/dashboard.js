(() => {
  const $ = (id) => document.getElementById(id);
  const money = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
  const colors = {
    A: "#0b5cad",
    B: "#b35900",
    C: "#6b6b6b",
    nudge: "#007a5a",
    command: "#0b5cad",
    import: "#8a8a8a",
  };
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.color = "#1d1c1d";
  function chart(id, config) {
    return new Chart($(id), config);
  }
  function draw(d) {
    $("scope").textContent = `Scope: ${d.scope}`;
    const r = d.revenueAtRisk;
    $("revenue-at-risk").textContent = money.format(r.total);
    $("revenue-at-risk-words").textContent =
      `Yearly revenue of ${r.accounts} accounts that are overdue for contact (${r.overdue}) or at risk (${r.atRisk}).`;
    const l = d.closedLoop;
    $("loop-words").textContent =
      l.flagged === 0
        ? "No account was flagged at risk in the last quarter."
        : `${l.flagged} accounts flagged at risk: ${l.contacted} contacted within a week (${l.contactedOrdered} ordered again), ${l.notContacted} not contacted (${l.notContactedOrdered} ordered again).`;
    chart("chart-loop", {
      type: "bar",
      data: {
        labels: ["Contacted within a week", "Not contacted"],
        datasets: [
          {
            label: "Ordered again",
            data: [l.contactedOrdered, l.notContactedOrdered],
            backgroundColor: "#007a5a",
          },
          {
            label: "Did not order",
            data: [l.contacted - l.contactedOrdered, l.notContacted - l.notContactedOrdered],
            backgroundColor: "#b35900",
          },
        ],
      },
      options: {
        scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: "accounts" } } },
      },
    });
    chart("chart-coverage", {
      type: "bar",
      data: {
        labels: d.coverage.map((c) => c.rep),
        datasets: ["A", "B", "C"].map((tier, i) => ({
          label: `Tier ${tier}`,
          backgroundColor: colors[tier],
          data: d.coverage.map((c) => {
            const cell = c.cells[i];
            return cell.total ? Math.round((100 * cell.withinCadence) / cell.total) : null;
          }),
        })),
      },
      options: { scales: { y: { min: 0, max: 100, title: { display: true, text: "% within cadence" } } } },
    });
    const weeks = [...new Set(d.contactsByWeek.map((w) => w.week))].sort();
    const sources = [...new Set(d.contactsByWeek.map((w) => w.source))].sort();
    chart("chart-weeks", {
      type: "bar",
      data: {
        labels: weeks,
        datasets: sources.map((source) => ({
          label: source,
          backgroundColor: colors[source] ?? "#444",
          data: weeks.map(
            (week) => d.contactsByWeek.find((w) => w.week === week && w.source === source)?.n ?? 0,
          ),
        })),
      },
      options: {
        scales: {
          x: { stacked: true, title: { display: true, text: "week of" } },
          y: { stacked: true, title: { display: true, text: "contacts" } },
        },
      },
    });
    chart("chart-neglected", {
      type: "scatter",
      data: {
        datasets: ["A", "B", "C"].map((tier) => ({
          label: `Tier ${tier}`,
          backgroundColor: colors[tier],
          data: d.neglected
            .filter((n) => n.tier === tier)
            .map((n) => ({ x: n.daysOverdue, y: n.value, name: n.account, rep: n.rep })),
        })),
      },
      options: {
        scales: {
          x: { title: { display: true, text: "days overdue" } },
          y: { title: { display: true, text: "yearly value" } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (c) => `${c.raw.name} (${c.raw.rep}): ${money.format(c.raw.y)}, ${c.raw.x} days overdue`,
            },
          },
        },
      },
    });
    chart("chart-departed", {
      type: "bar",
      data: {
        labels: d.departed.map((x) => x.reason),
        datasets: [{ label: "accounts", data: d.departed.map((x) => x.n), backgroundColor: "#6b6b6b" }],
      },
      options: { indexAxis: "y" },
    });
  }
  async function start() {
    const token = new URLSearchParams(location.search).get("t");
    const res = await fetch(`/dashboard/data${token === null ? "" : `?t=${encodeURIComponent(token)}`}`);
    const data = await res.json();
    if (!res.ok) {
      $("status").textContent = data.error;
      $("status").className = "error";
      return;
    }
    $("status").textContent = `Figures as of ${new Date(data.generatedAt).toLocaleString()}.`;
    $("board").hidden = false;
    draw(data);
  }
  start().catch((err) => {
    $("status").textContent = `The dashboard could not load: ${err.message}`;
  });
})();
