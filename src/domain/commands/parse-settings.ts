/** The arguments of `pause` and `settings`: the commands that change a rep's own settings. */
import { DateTime } from "luxon";
import { isValidZone } from "../time.js";
import { type Args, clip, fail, ok } from "./parse-result.js";
import { repRefOf } from "./refs.js";
import { restOf } from "./tokens.js";
import type { Command, ParseResult, RepRef, SettingsChanges } from "./types.js";
import { matchAmount, matchWhen } from "./when.js";

export function parsePause({ source, tokens, at }: Args): ParseResult {
  let i = 0;
  let rep: RepRef = { kind: "self" };
  const first = tokens[0] ? repRefOf(tokens[0]) : undefined;
  if (first) {
    rep = first;
    i = 1;
  }
  const lastToken = tokens.length > i + 1 ? tokens.at(-1) : undefined;
  const backup = lastToken ? repRefOf(lastToken) : undefined;
  const end = backup ? tokens.length - 1 : tokens.length;
  const words = tokens.slice(i, end).map((t) => t.text);
  if (words.length === 0) return fail("pause", "say until when, like `2026-08-14` or `in 10 days`, or `off`");
  const word = words[0]!.toLowerCase();
  if (words.length === 1 && ["off", "resume", "none", "stop"].includes(word)) {
    return backup ? fail("pause", "`off` takes no backup") : ok({ type: "pause", rep, until: null });
  }
  const today = DateTime.fromJSDate(at.now, { zone: at.zone }).startOf("day");
  const plain = word === "until" ? words.slice(1) : words;
  const forDays = plain[0]?.toLowerCase() === "for" ? plain.slice(1) : undefined;
  const amount = matchAmount(forDays ?? plain, "days");
  let until: DateTime | undefined;
  if (amount && amount.unit !== "hours" && amount.consumed === (forDays ?? plain).length) {
    until = today.plus({ [amount.unit]: amount.n });
  } else {
    const when = matchWhen(plain, at.now, at.zone);
    if (when && !when.ok) return fail("pause", when.error);
    if (!when || when.consumed !== plain.length) {
      return fail("pause", `\`${clip(restOf(source, tokens, i, end))}\` is not a date or \`in N days\``);
    }
    until = when.moment.at.startOf("day");
  }
  if (until < today) return fail("pause", "that date is in the past");
  if (until > today.plus({ years: 1 })) return fail("pause", "pause for at most a year");
  const command: Command = { type: "pause", rep, until: until.toISODate()! };
  if (backup) command.backup = backup;
  return ok(command);
}

export function parseSettings({ source, tokens }: Args): ParseResult {
  const changes: SettingsChanges = {};
  if (tokens[0]?.text.toLowerCase() === "workspace") {
    if (tokens.length === 1) return ok({ type: "settings", changes, workspace: {} });
    const key = tokens[1]!.text;
    if (tokens.length === 2) return fail("settings", `give a value after \`${clip(key)}\`, or \`default\``);
    return ok({
      type: "settings",
      changes,
      workspace: { change: { key, value: restOf(source, tokens, 2, tokens.length) } },
    });
  }
  for (let i = 0; i < tokens.length; i += 2) {
    const key = tokens[i]!.text.toLowerCase();
    const value = tokens[i + 1]?.text;
    if (value === undefined) return fail("settings", `give a value after \`${clip(key)}\``);
    if (key === "handful") {
      const n = /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= 1 && n <= 20))
        return fail("settings", `handful must be a number from 1 to 20, not \`${clip(value)}\``);
      changes.handful = n;
    } else if (key === "hour" || key === "nudge_hour") {
      const n = /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= 0 && n <= 23))
        return fail("settings", `hour must be a number from 0 to 23, not \`${clip(value)}\``);
      changes.hour = n;
    } else if (key === "tz" || key === "timezone" || key === "zone") {
      if (!isValidZone(value)) {
        return fail("settings", `\`${clip(value)}\` is not an IANA time zone; use a name like Europe/Berlin`);
      }
      changes.timezone = value;
    } else if (key === "digest") {
      const v = value.toLowerCase();
      if (v !== "on" && v !== "off") return fail("settings", "digest is `on` or `off`");
      changes.digest = v === "on";
    } else {
      return fail("settings", `there is no setting \`${clip(key)}\`; use handful, hour, tz or digest`);
    }
  }
  return ok({ type: "settings", changes });
}
