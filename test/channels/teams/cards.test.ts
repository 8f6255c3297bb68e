import { describe, expect, it } from "vitest";
import type { NudgeView, PickView } from "../../../src/app/ports.js";
import type { Reply } from "../../../src/app/replies.js";
import { escapeCardMarkdown } from "../../../src/channels/teams/cards/card-text.js";
import type { CardElement } from "../../../src/channels/teams/cards/elements.js";
import { MAX_CARD_BYTES } from "../../../src/channels/teams/cards/fit.js";
import { nudgeCard } from "../../../src/channels/teams/cards/nudge-card.js";
import { replyCard } from "../../../src/channels/teams/cards/reply-card.js";
import {
  cardSchemaAvailable,
  cardSchemaErrors,
  cardSchemaMissingMessage,
  knownCardTypes,
} from "./card-schema.js";

const NOW = new Date("2026-03-03T09:00:00Z");
const ZONE = "Europe/Berlin";

function pick(n: number, overrides: Partial<PickView> = {}): PickView {
  return {
    pickId: n,
    accountId: 100 + n,
    accountName: `Account ${n}`,
    kind: "due",
    reason: "Top 10% by revenue · 23 days since last call (every 7)",
    opener: "",
    status: "open",
    lastContact: { at: new Date("2026-02-08T10:00:00Z"), channel: "call", note: "Asked for a quote" },
    contact: { name: "Jane Doe", email: "jane@acme.test", phone: "+49 30 1234" },
    done: null,
    promise: null,
    ...overrides,
  };
}

function nudge(picks: PickView[], moreCount = 0): NudgeView {
  return {
    nudgeId: 1,
    localDate: "2026-03-03",
    recipient: {
      repId: 1,
      workspaceId: 1,
      email: "ana@example.test",
      name: "Ana",
      timezone: ZONE,
      slackUserId: null,
      teamsUserId: "aad-1",
    },
    picks,
    moreCount,
  };
}

const variedPicks = [
  pick(1, { opener: "Last time (8 Feb) you noted 'Asked for a quote'." }),
  pick(2, {
    kind: "promise",
    promise: { what: "Send the figures", dueAt: new Date("2026-03-03T15:00:00Z") },
  }),
  pick(3, { kind: "risk", lastContact: null, contact: { name: null, email: null, phone: null } }),
  pick(4, {
    status: "done",
    done: {
      byName: "Ana",
      at: new Date("2026-03-03T08:58:00Z"),
      label: "Called",
      undoUntil: new Date("2026-03-03T09:03:00Z"),
    },
  }),
  pick(5, {
    status: "snoozed",
    done: { byName: "Ana", at: new Date("2026-03-03T07:00:00Z"), label: "Snoozed", undoUntil: null },
  }),
  pick(6, { kind: "exit_interview", reason: "x".repeat(1000) }),
];

const replies = {
  info: { kind: "info", title: "Commands", lines: ["*today*: your picks", "`log <account> call`"] },
  error: { kind: "error", code: "USAGE", message: "Usage: `snooze <account> <days|date>`" },
  picks: { kind: "picks", title: "Your picks for today", picks: variedPicks, footer: "2 more tomorrow" },
  choose: {
    kind: "choose",
    prompt: "Which account did you mean?",
    options: Array.from({ length: 30 }, (_, i) => ({ label: `Acme ${i}`, commandText: `account #${i + 1}` })),
  },
  table: {
    kind: "table",
    title: "Coverage",
    columns: ["Rep", "A", "B", "C", "Overdue promises"],
    rows: Array.from({ length: 400 }, (_, i) => [`Rep ${i}`, "90%", "80%", "70%", String(i % 3)]),
    footer: "Within cadence",
  },
} satisfies Record<string, Reply>;

/** Every element and action of a card, nested cards included. */
function walk(node: unknown, out: CardElement[] = []): CardElement[] {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, out);
  } else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (typeof o.type === "string") out.push(o as CardElement);
    for (const [k, v] of Object.entries(o)) if (k !== "fallback" && k !== "data") walk(v, out);
  }
  return out;
}

describe("the cards we send", () => {
  const at = { now: NOW, zone: ZONE };
  const cards = {
    nudge: nudgeCard(nudge(variedPicks, 3), { now: NOW, notice: "Called Account 4: logged at 09:58." }),
    emptyNudge: nudgeCard(nudge([]), { now: NOW }),
    info: replyCard(replies.info, at),
    error: replyCard(replies.error, at),
    picks: replyCard(replies.picks, at),
    choose: replyCard(replies.choose, at),
    table: replyCard(replies.table, at),
  };

  it.skipIf(!cardSchemaAvailable)("are valid Adaptive Cards 1.5 by the published JSON schema", () => {
    const known = knownCardTypes();
    for (const [name, card] of Object.entries(cards)) {
      expect(cardSchemaErrors(card), `${name} card`).toBe("");
      expect(card.version).toBe("1.5");
      const unknown = walk(card).filter((e) => e.type !== "AdaptiveCard" && !known.has(e.type));
      expect(unknown, `${name} card`).toEqual([]);
    }
  });
  if (!cardSchemaAvailable)
    it(`(${cardSchemaMissingMessage})`, () => expect(cardSchemaAvailable).toBe(false));

  it("give every Action.Execute a fallback Action.Submit carrying the same data", () => {
    for (const card of Object.values(cards)) {
      for (const action of walk(card).filter((e) => e.type === "Action.Execute")) {
        expect(action.fallback).toEqual({ type: "Action.Submit", title: action.title, data: action.data });
        expect((action.data as { rb: string }).rb).toBe(action.verb);
      }
    }
  });

  it("give each input an id of its own, so that one pick's note is never read as another's", () => {
    const ids = walk(cards.nudge)
      .filter((e) => e.type.startsWith("Input."))
      .map((e) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("stay under Teams' message size, cutting long lists with a line saying how many were left out", () => {
    const big = nudgeCard(
      nudge(
        Array.from({ length: 20 }, (_, i) =>
          pick(i + 1, { reason: "r".repeat(300), opener: "o".repeat(300) }),
        ),
      ),
      {
        now: NOW,
      },
    );
    for (const card of [big, cards.table]) {
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    }
    expect(JSON.stringify(cards.table)).toMatch(/\d+ more rows not shown here/);
    expect(cardSchemaErrors(big)).toBe("");
  });

  it("show a pick's account, reason, last contact and contact person, and Called / Emailed / Met", () => {
    const text = JSON.stringify(cards.nudge);
    for (const expected of [
      "Your customers for Tuesday 3 March",
      "Account 1",
      "23 days since last call",
      // The opener is card markdown, escaped as Teams needs it: it shows as typed.
      JSON.stringify(`💬 ${escapeCardMarkdown("Last time (8 Feb) you noted 'Asked for a quote'.")}`).slice(
        1,
        -1,
      ),
      "Last contact: 23 days ago",
      "Asked for a quote",
      "Jane Doe",
      "You promised: Send the figures",
      "Called",
      "Emailed",
      "Met",
      "Snooze 1 week",
      "Snooze 1 month",
      "Not my account",
      "Add note",
      "Promise follow-up",
      "…and 3 more due",
      "Called by Ana",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("offer Undo on a pick done minutes ago, and not on older ones", () => {
    const undoPickIds = walk(cards.nudge)
      .filter((e) => e.type === "Action.Execute" && (e.data as { action: string }).action === "undo")
      .map((e) => (e.data as { pickId: number }).pickId);
    expect(undoPickIds).toEqual([4]);
  });

  it("turn an ambiguous account into buttons that re-run the command, at most 25", () => {
    const buttons = walk(cards.choose).filter((e) => e.type === "Action.Execute");
    expect(buttons).toHaveLength(25);
    expect(buttons[0]?.data).toEqual({ rb: "retention.command", command: "account #1" });
    expect(JSON.stringify(cards.choose)).toContain("5 more match");
  });

  it("render Slack-style *bold* as card markdown", () => {
    expect(JSON.stringify(cards.info)).toContain("**today**: your picks");
  });
});
