/**
 * The one `/retention` command parser, shared by Slack and Teams: text in, a typed command or a
 * usage error out. Pure (the instant and the rep's zone are parameters) and total: whatever the
 * text, it answers, it never throws.
 */
import { DateTime } from "luxon";
import { type Args, clip, fail, ok, type ParseAt, type Parser, tooLong } from "./parse-result.js";
import { parsePause, parseSettings } from "./parse-settings.js";
import { accountRefOf, repRefOf } from "./refs.js";
import { own, restOf, tokenize } from "./tokens.js";
import {
  type Command,
  type CommandName,
  commandNames,
  type LogChannel,
  type LogOutcome,
  MAX_TEXT_LENGTH,
  type ParseResult,
} from "./types.js";
import { generalUsage } from "./usage.js";
import { dueInstant, matchAmount, matchWhen } from "./when.js";

export type { ParseAt } from "./parse-result.js";

export function parseCommand(text: string, at: ParseAt): ParseResult {
  try {
    return parse(String(text ?? ""), at);
  } catch {
    // Defensive only: every path above answers; a bug must still not crash a listener.
    return { ok: false, error: "I could not read that command.", usage: generalUsage };
  }
}

function parse(text: string, at: ParseAt): ParseResult {
  const source = text.replace(/\u00a0/g, " ");
  let tokens = tokenize(source);
  // Teams in a channel starts with the bot's own mention; the word "retention" is optional.
  if (tokens[0]?.kind === "angle" && tokens[0].text.startsWith("<at>") && tokens.length > 1) {
    tokens = tokens.slice(1);
  }
  if (tokens[0] && /^\/?retention$/i.test(tokens[0].text)) tokens = tokens.slice(1);
  const head = tokens[0];
  if (!head) return ok({ type: "help" });
  const word = head.text.toLowerCase();
  const name = commandNames.find((c) => c === word) ?? own(aliases, word);
  if (!name) {
    const guess = commandNames.filter((c) => c.startsWith(word.slice(0, 3)));
    const hint = guess.length === 1 ? ` Did you mean \`${guess[0]}\`?` : "";
    return {
      ok: false,
      error: `I don't know the command \`${clip(head.text)}\`.${hint}`,
      usage: generalUsage,
    };
  }
  return parsers[name]({ source, tokens: tokens.slice(1), at });
}

const DETAIL = /^(--|—|–)detail$/i;

const aliases: Record<string, CommandName> = { "?": "help", setting: "settings" };

const parsers: Record<CommandName, Parser> = {
  help: ({ tokens }) => {
    if (tokens.length === 0) return ok({ type: "help" });
    const topic = commandNames.find((c) => c === tokens[0]!.text.toLowerCase());
    if (!topic || tokens.length > 1) return fail("help", `there is no command \`${clip(tokens[0]!.text)}\``);
    return ok({ type: "help", topic });
  },
  home: ({ tokens }) =>
    tokens.length === 0 ? ok({ type: "home" }) : fail("home", "`home` takes nothing more"),
  today: ({ tokens }) =>
    tokens.length === 0 ? ok({ type: "today" }) : fail("today", "`today` takes nothing more"),
  departed: ({ tokens }) =>
    tokens.length === 0 ? ok({ type: "departed" }) : fail("departed", "`departed` takes nothing more"),
  dashboard: ({ tokens }) =>
    tokens.length === 0 ? ok({ type: "dashboard" }) : fail("dashboard", "`dashboard` takes nothing more"),
  digest: ({ tokens }) =>
    tokens.length === 0 ? ok({ type: "digest" }) : fail("digest", "`digest` takes nothing more"),
  log: parseLog,
  snooze: parseSnooze,
  promise: parsePromise,
  account: ({ source, tokens }) => {
    const account = accountRefOf(source, tokens, 0, tokens.length);
    return account.ok ? ok({ type: "account", account: account.ref }) : fail("account", account.error);
  },
  lost: parseLost,
  won: ({ source, tokens }) => {
    const account = accountRefOf(source, tokens, 0, tokens.length);
    return account.ok ? ok({ type: "won", account: account.ref }) : fail("won", account.error);
  },
  report: ({ source, tokens: all }) => {
    // `--detail` anywhere (Slack may turn `--` into a dash): which nudges work.
    const tokens = all.filter((t) => !DETAIL.test(t.text));
    const detail = tokens.length < all.length ? { detail: true } : {};
    if (tokens.length === 0) return ok({ type: "report", ...detail });
    const rep = tokens.length === 1 ? repRefOf(tokens[0]!) : undefined;
    if (rep) return ok({ type: "report", rep, ...detail });
    const text = restOf(source, tokens, 0).replace(/^@/, "");
    if (text.length > 100) return fail("report", "name one rep, by @mention, email or name");
    return ok({ type: "report", rep: { kind: "name", text }, ...detail });
  },
  neglected: ({ tokens }) => {
    if (tokens.length === 0) return ok({ type: "neglected", limit: 10 });
    const n = /^\d{1,3}$/.test(tokens[0]!.text) ? Number(tokens[0]!.text) : Number.NaN;
    if (tokens.length > 1 || !(n >= 1 && n <= 50)) {
      return fail(
        "neglected",
        `\`${clip(tokens.map((t) => t.text).join(" "))}\` is not a number from 1 to 50`,
      );
    }
    return ok({ type: "neglected", limit: n });
  },
  assign: ({ source, tokens }) => {
    const last = tokens.at(-1);
    const rep = last ? repRefOf(last) : undefined;
    if (!rep) return fail("assign", "end with the new owner, as @mention or email");
    const account = accountRefOf(source, tokens, 0, tokens.length - 1);
    return account.ok ? ok({ type: "assign", account: account.ref, rep }) : fail("assign", account.error);
  },
  pause: parsePause,
  settings: parseSettings,
};

const channelWords: Record<string, LogChannel> = {
  call: "call",
  called: "call",
  phone: "call",
  email: "email",
  emailed: "email",
  mail: "email",
  meeting: "meeting",
  met: "meeting",
  meet: "meeting",
  video: "video",
};

const outcomeWords: Record<string, LogOutcome> = {
  connected: "connected",
  left_message: "left_message",
  voicemail: "left_message",
  no_answer: "no_answer",
  issue_raised: "issue_raised",
  opportunity: "opportunity",
  at_risk: "at_risk",
};

function parseLog({ source, tokens }: Args): ParseResult {
  if (tokens.length === 0) return fail("log", "name an account");
  // The account ends at the first channel word, unless it is given as #id or "quoted name".
  const exact = tokens[0]!.kind === "quoted" || /^#\d+$/.test(tokens[0]!.text);
  let end = exact
    ? 1
    : tokens.findIndex((t, i) => i > 0 && t.kind === "word" && own(channelWords, t.text.toLowerCase()));
  if (end === -1) end = tokens.length;
  const account = accountRefOf(source, tokens, 0, end);
  if (!account.ok) return fail("log", account.error);
  let i = end;
  const channel = tokens[i] ? own(channelWords, tokens[i]!.text.toLowerCase()) : undefined;
  if (channel) i++;
  const outcome = tokens[i] ? own(outcomeWords, tokens[i]!.text.toLowerCase()) : undefined;
  if (outcome) i++;
  const note = restOf(source, tokens, i);
  if (note.length > MAX_TEXT_LENGTH) return fail("log", tooLong("the note", note));
  const command: Command = { type: "log", account: account.ref, channel: channel ?? "other" };
  if (outcome) command.outcome = outcome;
  if (note) command.note = note;
  return ok(command);
}

function parseSnooze({ source, tokens, at }: Args): ParseResult {
  const today = DateTime.fromJSDate(at.now, { zone: at.zone }).startOf("day");
  const words = tokens.map((t) => t.text);
  // The account is everything before the first token from which a duration or date reads to the end.
  for (let i = 1; i < tokens.length; i++) {
    const rest = words.slice(i);
    const amount = matchAmount(rest, "days");
    let until: DateTime | undefined;
    let consumed = 0;
    if (amount && amount.unit !== "hours") {
      until = today.plus({ [amount.unit]: amount.n });
      consumed = amount.consumed;
    } else {
      const when = matchWhen(rest, at.now, at.zone);
      if (when && !when.ok) return fail("snooze", when.error);
      if (when) {
        until = when.moment.at.startOf("day");
        consumed = when.consumed;
      }
    }
    if (!until || consumed !== rest.length) continue;
    if (until <= today) return fail("snooze", "snooze until a day after today");
    if (until > today.plus({ years: 2 })) return fail("snooze", "snooze for at most two years");
    const account = accountRefOf(source, tokens, 0, i);
    if (!account.ok) return fail("snooze", account.error);
    return ok({ type: "snooze", account: account.ref, until: until.toISODate()! });
  }
  return fail("snooze", tokens.length === 0 ? "name an account" : "end with a number of days or a date");
}

function parsePromise({ source, tokens, at }: Args): ParseResult {
  const words = tokens.map((t) => t.text);
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i]!.kind !== "word") continue;
    const when = matchWhen(words.slice(i), at.now, at.zone);
    if (!when) continue;
    if (!when.ok) return fail("promise", when.error);
    const what = restOf(source, tokens, i + when.consumed);
    if (!what) return fail("promise", "say what you promised after the when");
    if (what.length > MAX_TEXT_LENGTH) return fail("promise", tooLong("the promise", what));
    const account = accountRefOf(source, tokens, 0, i);
    if (!account.ok) return fail("promise", account.error);
    return ok({ type: "promise", account: account.ref, dueAt: dueInstant(when.moment, at.now), what });
  }
  return fail(
    "promise",
    tokens.length === 0
      ? "name an account"
      : "say when, like `tue 4pm`, `tomorrow 9am`, `2026-12-01` or `in 3 days`",
  );
}

function parseLost({ source, tokens }: Args): ParseResult {
  if (tokens.length < 2) return fail("lost", "name the account and the reason it was lost");
  // "lost Acme Corp price" cannot be split by words alone: a multi-word name is quoted, or ends
  // with ":" or " - "; otherwise the first word is the account.
  const exact = tokens[0]!.kind === "quoted" || /^#\d+$/.test(tokens[0]!.text);
  let end = exact
    ? 1
    : tokens.findIndex((t, i) => i > 0 && t.kind === "word" && (t.text === "-" || t.text === "—"));
  let reasonFrom = exact ? 1 : end + 1;
  const colon = exact
    ? -1
    : tokens.findIndex((t) => t.kind === "word" && t.text.endsWith(":") && t.text.length > 1);
  if (end === -1 && colon !== -1) {
    end = colon + 1;
    reasonFrom = colon + 1;
  }
  if (end === -1) {
    end = 1;
    reasonFrom = 1;
  }
  const account = accountRefOf(source, tokens, 0, end);
  if (!account.ok) return fail("lost", account.error);
  if (account.ref.kind === "name") account.ref.text = account.ref.text.replace(/:$/, "");
  const reason = restOf(source, tokens, reasonFrom);
  if (!reason) return fail("lost", "give the reason the account was lost");
  if (reason.length > MAX_TEXT_LENGTH) return fail("lost", tooLong("the reason", reason));
  return ok({ type: "lost", account: account.ref, reason });
}
