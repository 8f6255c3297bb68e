import { describe, expect, it } from "vitest";
import type { NudgeView, PickView } from "../../../src/app/ports.js";
import type { Reply } from "../../../src/app/replies.js";
import { ACTIONS, parseMoreValue, parsePickId } from "../../../src/channels/slack/action-ids.js";
import { type Block, button } from "../../../src/channels/slack/blocks/block-builders.js";
import { buildHomeView } from "../../../src/channels/slack/blocks/home-view.js";
import { findLimitViolations, LIMITS, truncate } from "../../../src/channels/slack/blocks/limits.js";
import { noteModal, promiseModal } from "../../../src/channels/slack/blocks/modals.js";
import { buildNudgeMessage } from "../../../src/channels/slack/blocks/nudge-blocks.js";
import { buildReplyMessage } from "../../../src/channels/slack/blocks/reply-blocks.js";

const now = new Date("2026-03-10T09:00:00Z");
const at = { now, zone: "Europe/Berlin" };
const huge = (n: number) => "x".repeat(n);

function pick(id: number, over: Partial<PickView> = {}): PickView {
  return {
    pickId: id,
    accountId: id,
    accountName: `Account ${id}`,
    kind: "due",
    reason: "Top 10% by revenue · 23 days since last call (every 7)",
    opener: "",
    status: "open",
    lastContact: { at: new Date("2026-02-15T10:00:00Z"), channel: "call", note: "Talked about renewal" },
    contact: { name: "Jane Doe", email: "jane@acme.test", phone: "+49 30 1234" },
    done: null,
    promise: null,
    ...over,
  };
}

function nudge(picks: PickView[], moreCount = 0): NudgeView {
  return {
    nudgeId: 1,
    localDate: "2026-03-10",
    recipient: {
      repId: 1,
      workspaceId: 1,
      email: "ana@example.test",
      name: "Ana",
      timezone: "Europe/Berlin",
      slackUserId: "U1",
      teamsUserId: null,
    },
    picks,
    moreCount,
  };
}

const hugePick = (id: number) =>
  pick(id, {
    accountName: huge(5000),
    reason: huge(5000),
    opener: huge(5000),
    lastContact: { at: new Date("2026-02-01T10:00:00Z"), channel: "email", note: huge(4000) },
    contact: { name: huge(3000), email: huge(3000), phone: huge(3000) },
    promise: { what: huge(3000), dueAt: now },
  });

function texts(blocks: Block[]): string {
  return JSON.stringify(blocks);
}

describe("the nudge message", () => {
  it("shows the date, each account with its reason, opener, last contact, contact person and the buttons", () => {
    const opener = "Last time (15 Feb) you noted 'Talked about renewal'.";
    const message = buildNudgeMessage(nudge([pick(7, { opener })], 3), now);
    expect(message.blocks[0]).toMatchObject({
      type: "header",
      text: { text: "Your customers for Tuesday 10 March 2026" },
    });
    const json = texts(message.blocks);
    expect(json).toContain("*Account 7*");
    expect(json).toContain("23 days since last call");
    expect(json).toContain(`:speech_balloon: ${opener}`);
    expect(json).toContain("Last contact: 23 days ago");
    expect(json).toContain("Talked about renewal");
    expect(json).toContain("Contact: Jane Doe · jane@acme.test · +49 30 1234");
    expect(json).toContain("3 more due");
    expect(json).toContain(`"action_id":"${ACTIONS.nextPicks}"`);
    const actions = message.blocks.find((b) => b.type === "actions");
    expect(actions).toMatchObject({
      elements: [
        { action_id: ACTIONS.call, text: { text: "Called" }, value: "7" },
        { action_id: ACTIONS.email, text: { text: "Emailed" }, value: "7" },
        { action_id: ACTIONS.meet, text: { text: "Met" }, value: "7" },
        {
          type: "overflow",
          options: [
            { text: { text: "Snooze 1 week" } },
            { text: { text: "Snooze 1 month" } },
            { text: { text: "Add note" } },
            { text: { text: "Promise follow-up" } },
            { text: { text: "Not my account" } },
          ],
        },
      ],
    });
  });

  it("shows a done pick struck through, by whom and when, with Undo while the window is open", () => {
    const done = {
      byName: "Ana",
      at: new Date("2026-03-10T08:58:00Z"),
      label: "Called",
      undoUntil: new Date("2026-03-10T09:03:00Z"),
    };
    const json = texts(buildNudgeMessage(nudge([pick(7, { status: "done", done })]), now).blocks);
    expect(json).toContain("~Account 7~");
    expect(json).toContain("Called by Ana, Tue 10 Mar, 09:58");
    expect(json).toContain(ACTIONS.undo);
    expect(json).not.toContain(ACTIONS.call);
    const expired = texts(
      buildNudgeMessage(nudge([pick(7, { status: "done", done: { ...done, undoUntil: null } })]), now).blocks,
    );
    expect(expired).not.toContain(ACTIONS.undo);
  });

  it("stays within 50 blocks and every text limit with 200 huge picks, pointing to the rest", () => {
    const message = buildNudgeMessage(
      nudge(
        Array.from({ length: 200 }, (_, i) => hugePick(i + 1)),
        40,
      ),
      now,
    );
    expect(findLimitViolations(message.blocks, "message")).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(texts(message.blocks)).toMatch(/…and \d+ more: `\/retention today`/);
    expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it("escapes account names so that they cannot inject mentions or links", () => {
    const json = texts(
      buildNudgeMessage(nudge([pick(1, { accountName: "<!channel> & <https://x|y>" })]), now).blocks,
    );
    expect(json).toContain("&lt;!channel&gt; &amp; &lt;https://x|y&gt;");
  });
});

describe("replies of /retention", () => {
  const replies: Reply[] = [
    { kind: "info", title: huge(400), lines: Array.from({ length: 500 }, () => huge(500)) },
    { kind: "error", code: "USAGE", message: huge(9000) },
    {
      kind: "picks",
      title: huge(300),
      picks: Array.from({ length: 100 }, (_, i) => hugePick(i + 1)),
      footer: huge(5000),
    },
    {
      kind: "choose",
      prompt: huge(4000),
      options: Array.from({ length: 2000 }, (_, i) => ({ label: huge(200), commandText: `log #${i} call` })),
    },
    {
      kind: "table",
      title: huge(300),
      columns: ["Rep", "A", "B", "C", huge(100)],
      rows: Array.from({ length: 3000 }, (_, i) => [huge(300), `${i}%`, "1", "2", huge(100)]),
      footer: huge(4000),
    },
    { kind: "table", title: "Empty", columns: ["Rep"], rows: [] },
    { kind: "info", lines: [] },
  ];

  it.each(replies.map((r) => [r.kind, r] as const))(
    "a huge %s reply stays within Block Kit's limits",
    (_, reply) => {
      const message = buildReplyMessage(reply, at);
      expect(findLimitViolations(message.blocks, "message")).toEqual([]);
    },
  );

  it.each(replies.filter((r) => r.kind === "table").map((r) => [r.title.slice(0, 10), r] as const))(
    "a huge table (%s…) as a table block stays within Block Kit's limits",
    (_, reply) => {
      const message = buildReplyMessage(reply, at, { tableBlocks: true });
      expect(findLimitViolations(message.blocks, "message")).toEqual([]);
    },
  );

  it("a table block holds 99 rows under the column names and says how many more were cut", () => {
    const rows = Array.from({ length: 250 }, (_, i) => [`Rep ${i}`, `${i}%`]);
    const { blocks } = buildReplyMessage(
      { kind: "table", title: "Coverage", columns: ["Rep", "A"], rows },
      at,
      { tableBlocks: true },
    );
    const table = blocks.find((b) => b.type === "table") as unknown as { rows: unknown[][] };
    expect(table.rows).toHaveLength(LIMITS.tableRows);
    expect(texts(blocks.slice(-1))).toContain("151 more rows");
  });

  it("a table block shows typed text as typed: no mrkdwn escapes in raw_text cells", () => {
    const { blocks } = buildReplyMessage(
      { kind: "table", title: "Neglected", columns: ["Account", "Value"], rows: [["A & B <Co>", "$1.2M"]] },
      at,
      { tableBlocks: true },
    );
    const table = blocks.find((b) => b.type === "table") as unknown as {
      rows: { text: string }[][];
      column_settings: unknown[];
    };
    expect(table.rows[1]!.map((c) => c.text)).toEqual(["A & B <Co>", "$1.2M"]);
    expect(table.column_settings).toEqual([{ is_wrapped: true }, { align: "right" }]);
  });

  it("an error says what to do and shows its code", () => {
    const json = texts(
      buildReplyMessage({ kind: "error", code: "FORBIDDEN", message: "Only managers see reports." }, at)
        .blocks,
    );
    expect(json).toContain(":warning: Only managers see reports.");
    expect(json).toContain("FORBIDDEN");
  });

  it("a choice offers one button per account, each sending back its command text", () => {
    const message = buildReplyMessage(
      {
        kind: "choose",
        prompt: "Which Acme?",
        options: [
          { label: "Acme GmbH", commandText: "log #1 call" },
          { label: "Acme Inc", commandText: "log #2 call" },
        ],
      },
      at,
    );
    expect(message.blocks[1]).toMatchObject({
      type: "actions",
      elements: [
        { text: { text: "Acme GmbH" }, value: "log #1 call" },
        { text: { text: "Acme Inc" }, value: "log #2 call" },
      ],
    });
  });

  it("a cut table says where the full one is", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`Rep ${i}`, "50%"]);
    const blocks = buildReplyMessage(
      { kind: "table", title: "Coverage", columns: ["Rep", "A"], rows },
      at,
    ).blocks;
    expect(blocks.length).toBe(LIMITS.messageBlocks);
    expect(texts(blocks.slice(-1))).toContain("retention report");
  });
});

describe("App Home and modals", () => {
  it("a huge home view stays within 100 blocks and every text limit", () => {
    const view = buildHomeView(
      {
        name: huge(500),
        picks: Array.from({ length: 100 }, (_, i) => hugePick(i + 1)),
        promises: Array.from({ length: 100 }, () => ({
          accountName: huge(3000),
          what: huge(3000),
          dueAt: now,
        })),
        coverage: Array.from({ length: 30 }, () => ({ tier: "A", withinCadence: 3, total: 4 })),
        handfulNote: huge(5000),
      },
      at,
    );
    expect(findLimitViolations(view.blocks as Block[], "home")).toEqual([]);
  });

  it("home shows coverage as a share within cadence and marks overdue promises", () => {
    const view = buildHomeView(
      {
        name: "Ana",
        picks: [],
        promises: [{ accountName: "Acme", what: "send figures", dueAt: new Date("2026-03-09T09:00:00Z") }],
        coverage: [{ tier: "A", withinCadence: 3, total: 4 }],
      },
      at,
    );
    const json = JSON.stringify(view.blocks);
    expect(json).toContain("75% (3 of 4)");
    expect(json).toContain("overdue");
    expect(json).toContain("Nothing due today");
    expect(json).not.toContain("of your");
  });

  it("home says why the handful shrank", () => {
    const handfulNote =
      "3 of your 5 today: you acted on 40 of the 100 picks of the last four weeks, so you get the best few; the rest roll forward.";
    const view = buildHomeView(
      { name: "Ana", picks: [pick(1)], promises: [], coverage: [], handfulNote },
      at,
    );
    expect(JSON.stringify(view.blocks)).toContain(handfulNote);
  });

  it("modals with huge account names stay within the limits", () => {
    const note = noteModal(huge(5000), { pickId: 1, channel: "D1", ts: "1.2" });
    const promise = promiseModal(huge(5000), { pickId: 1 }, now);
    expect(findLimitViolations(note.blocks as Block[], "modal")).toEqual([]);
    expect(findLimitViolations(promise.blocks as Block[], "modal")).toEqual([]);
    expect(promise.blocks).toContainEqual(
      expect.objectContaining({ element: expect.objectContaining({ type: "datetimepicker" }) }),
    );
  });
});

describe("the limits themselves", () => {
  it("cuts text with an ellipsis and never splits an emoji", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate(`ab${"😀"}c`, 4)).toBe("ab…");
    expect(truncate("", 10)).toBe(" ");
  });

  it("refuses a button value that would have to be cut", () => {
    expect(() => button({ text: "x", actionId: "a", value: huge(2001) })).toThrow(RangeError);
  });

  it("finds what breaks a limit", () => {
    const bad: Block[] = [{ type: "header", text: { type: "plain_text", text: huge(151) } }];
    expect(findLimitViolations(bad, "message")).toEqual([
      "block 0 (header): header text has 151 characters (max 150)",
    ]);
  });

  it("reads back only well-formed pick ids and menu values", () => {
    expect(parsePickId("42")).toBe(42);
    expect(parsePickId("99999999999")).toBeUndefined();
    expect(parsePickId("-1")).toBeUndefined();
    expect(parsePickId("1; drop table")).toBeUndefined();
    expect(parseMoreValue("snooze_week:5")).toEqual({ choice: "snooze_week", pickId: 5 });
    expect(parseMoreValue("explode:5")).toBeUndefined();
  });
});
