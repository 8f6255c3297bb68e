import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slackText } from "../../src/channels/slack/blocks/block-builders.js";
import { buildReplyMessage } from "../../src/channels/slack/blocks/reply-blocks.js";
import { teamsText } from "../../src/channels/teams/cards/card-text.js";
import { replyCard } from "../../src/channels/teams/cards/reply-card.js";
import { usageOf } from "../../src/domain/commands/usage.js";
import { COMMAND, plainText, verbatim } from "../../src/domain/rich-text.js";

/** What Slack shows for mrkdwn text, as far as escaping goes: the three entities decoded. */
function slackShows(mrkdwn: string): string {
  return mrkdwn.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** What a CommonMark TextBlock shows for escaped text: `\x` is x; the zero-width space is invisible. */
function teamsShows(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, "$1").replace(/\u200B/g, "");
}

/** Typed text as it arrives: any characters, with the markup and entity characters made likely. */
const typed = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      "<",
      ">",
      "&",
      "*",
      "_",
      "`",
      "~",
      "[",
      "]",
      "(",
      ")",
      "\\",
      "#",
      "-",
      "1.",
      "{{",
      "\n",
      "amp;",
      "lt;",
    ),
    fc.string({ maxLength: 3 }),
    fc.string({ unit: "grapheme", maxLength: 2 }),
  ),
  maxLength: 40,
});
const stripMarks = (s: string) => s.replace(/[\uE000-\uE002]/g, "");

describe("text a user typed", () => {
  it("shows in Slack exactly as typed, with no raw <, > or & left for mrkdwn to read", () => {
    fc.assert(
      fc.property(typed, (s) => {
        const out = slackText(verbatim(s));
        expect(slackShows(out)).toBe(stripMarks(s));
        expect(out).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
      }),
    );
  });

  it("shows in a Teams TextBlock exactly as typed, with every markup character escaped", () => {
    fc.assert(
      fc.property(typed, (s) => {
        const out = teamsText(verbatim(s));
        expect(teamsShows(out)).toBe(stripMarks(s));
        // No markup character without its backslash, and no `{{` that could start a DATE() function.
        expect(out.replace(/\\./g, "")).not.toMatch(/[*_`<>[\]\\]|\{\{/);
      }),
    );
  });

  it("keeps our own bold around it and never lets it close or open a span", () => {
    fc.assert(
      fc.property(typed, (s) => {
        const line = `Logged a call with *${verbatim(s)}* at 09:30.`;
        expect(teamsText(line)).toBe(`Logged a call with **${teamsText(verbatim(s))}** at 09:30.`);
        expect(slackShows(slackText(line))).toBe(`Logged a call with *${stripMarks(s)}* at 09:30.`);
      }),
    );
  });

  it('such as "& <b>tags</b>" and `backticks` keeps its tags and backticks on both platforms', () => {
    const note = "& <b>tags</b> and `backticks`";
    expect(slackText(`Note: ${verbatim(note)}`)).toBe("Note: &amp; &lt;b&gt;tags&lt;/b&gt; and `backticks`");
    expect(teamsShows(teamsText(`Note: ${verbatim(note)}`))).toBe(`Note: ${note}`);
  });
});

describe("usage lines", () => {
  it("keep their <placeholders> and use each platform's command form", () => {
    const usage = usageOf("log");
    expect(slackText(usage)).toBe("Usage: /retention log &lt;account&gt; [call|email|meeting|video] [note]");
    expect(teamsShows(teamsText(usage))).toBe("Usage: log <account> [call|email|meeting|video] [note]");
    expect(plainText(usage)).toBe("Usage: /retention log <account> [call|email|meeting|video] [note]");
  });

  it("help speaks Teams' plain words in Teams and Slack's slash command in Slack", () => {
    const help = { kind: "info" as const, title: `${COMMAND}help`, lines: [`Try \`${COMMAND}today\``] };
    const card = JSON.stringify(replyCard(help, { now: new Date(0), zone: "UTC" }));
    expect(card).not.toContain("/retention");
    expect(card).toContain("Try **today**");
    const slack = JSON.stringify(buildReplyMessage(help, { now: new Date(0), zone: "UTC" }));
    expect(slack).toContain("Try `/retention today`");
  });
});
