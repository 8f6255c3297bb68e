/** `account`, `lost`, `won` and `assign`: looking at an account and changing its standing. */
import { DateTime } from "luxon";
import { sourceLabel } from "../../domain/activities/activity.js";
import type { Command } from "../../domain/commands/types.js";
import { decideLost, decideWon, interviewerPreference } from "../../domain/outcomes/departure.js";
import { cadenceFor } from "../../domain/planner/cadence.js";
import { compactMoney, riskReasons } from "../../domain/reports/risk.js";
import { verbatim } from "../../domain/rich-text.js";
import { daysBetween, localDate } from "../../domain/time.js";
import { updateAccount } from "../../storage/accounts.js";
import { listRecentCheckIns } from "../../storage/check-ins.js";
import { insertDeparture, markDeparturesWonBack } from "../../storage/departures.js";
import { finishTodaysPicksOfAccount, reopenTodaysSetAsidePicks } from "../../storage/picks.js";
import { listOpenPromisesOfAccount } from "../../storage/promises.js";
import { findFirstOtherRep, findRepById, findRepNames } from "../../storage/reps.js";
import { findSnoozedUntil } from "../../storage/snoozes.js";
import { getWorkspace } from "../../storage/workspaces.js";
import { refreshDates, retierWorkspace } from "../accounts/retier.js";
import { refreshNudges } from "../nudges/refresh-nudges.js";
import type { Actor, AppContext } from "../ports.js";
import type { Reply } from "../replies.js";
import { findRep } from "./find-rep.js";
import { withAccount, withManageableAccount } from "./with-account.js";

type Of<T extends Command["type"]> = Extract<Command, { type: T }>;

export async function runAccount(ctx: AppContext, actor: Actor, command: Of<"account">): Promise<Reply> {
  const found = await withAccount(ctx, actor, command);
  if ("reply" in found) return found.reply;
  const account = found.account;
  const now = ctx.clock();
  const settings = (await getWorkspace(ctx.db, actor.workspaceId))!.settings;
  const today = localDate(now, actor.timezone);
  const fmt = (d: Date) => DateTime.fromJSDate(d, { zone: actor.timezone }).toFormat("ccc d LLL yyyy");

  const owner = await findRepById(ctx.db, account.ownerRepId);
  const recent = await listRecentCheckIns(ctx.db, account.id, 3);
  const open = await listOpenPromisesOfAccount(ctx.db, account.id);
  const snoozedUntil = await findSnoozedUntil(ctx.db, account.id, today);

  // The stored tier (planner rule 1), kept exact by every write that moves it.
  const tier = account.status === "active" ? account.tier : null;
  const basis = account.grossProfit !== null ? "profit" : "revenue";
  const lines = [
    `Owner: ${owner?.name ?? "?"} · ${account.status === "lost" ? "*lost*" : "active"}`,
    `Value: ${compactMoney(account.annualRevenue)} revenue a year${account.grossProfit !== null ? `, ${compactMoney(account.grossProfit)} gross profit` : ""}`,
  ];
  if (tier) {
    const cadence = cadenceFor({ tier, cadenceDays: account.cadenceDays }, settings);
    lines.push(
      `Tier ${tier} (${account.tierOverride ? "set by hand" : `by ${basis}`}) · contact every ${cadence} days${account.cadenceDays ? " (set for this account)" : ""}`,
    );
  }
  if (account.lastContactAt) {
    const days = daysBetween(localDate(account.lastContactAt, actor.timezone), today);
    lines.push(
      `Last contact: ${days === 0 ? "today" : `${days} days ago`} (${account.lastChannel ?? "contact"})`,
    );
  } else {
    lines.push("Last contact: never");
  }
  const risks = riskReasons(account, today, settings);
  lines.push(risks.length ? `*At risk:* ${risks.join("; ")}` : "Risk: none seen");
  if (snoozedUntil) lines.push(`Snoozed until ${DateTime.fromISO(snoozedUntil).toFormat("ccc d LLL yyyy")}`);
  if (account.contactName || account.contactEmail || account.contactPhone) {
    lines.push(
      `Contact: ${[account.contactName, account.contactEmail, account.contactPhone].filter(Boolean).join(" · ")}`,
    );
  }
  lines.push(recent.length ? "*Last contacts:*" : "*Last contacts:* none logged");
  for (const c of recent) {
    const note = c.note ? ` — ${verbatim(c.note.length > 150 ? `${c.note.slice(0, 150)}…` : c.note)}` : "";
    lines.push(
      `• ${fmt(c.at)} · ${c.channel}${c.outcome ? ` (${c.outcome.replace("_", " ")})` : ""} · ${verbatim(c.rep)}${c.origin ? ` · in ${verbatim(sourceLabel(c.origin))}` : ""}${note}`,
    );
  }
  lines.push(open.length ? "*Open promises:*" : "*Open promises:* none");
  for (const p of open) {
    lines.push(
      `• ${p.dueAt < now ? "*overdue* since" : "due"} ${fmt(p.dueAt)}: ${verbatim(p.what)} (${verbatim(p.rep)})`,
    );
  }
  return { kind: "info", title: `${verbatim(account.name)} (#${account.id})`, lines };
}

export async function runLost(ctx: AppContext, actor: Actor, command: Of<"lost">): Promise<Reply> {
  const found = await withManageableAccount(
    ctx,
    actor,
    command,
    (name) => `*${name}* is not yours; its owner or a manager can mark it lost.`,
  );
  if ("reply" in found) return found.reply;
  const account = found.account;
  const now = ctx.clock();
  const lost = decideLost(account, now, actor.timezone);
  if (!lost.ok) {
    return {
      kind: "error",
      code: lost.code,
      message: `*${verbatim(account.name)}* is already in the departed folder.`,
    };
  }
  const interviewer = await chooseInterviewer(ctx, actor, account.ownerRepId);
  const touched = await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, account.id, { status: lost.status, updatedAt: now });
    await retierWorkspace(tx, actor.workspaceId);
    await refreshDates(tx, actor.workspaceId, { accountIds: [account.id] });
    await insertDeparture(tx, {
      workspaceId: actor.workspaceId,
      accountId: account.id,
      reason: command.reason,
      lostOn: lost.lostOn,
      tenureDays: lost.tenureDays,
      exitInterviewRepId: interviewer?.id ?? null,
      createdAt: now,
    });
    // Today's pick of a lost account is set aside ("Marked lost"): no button asks for a call.
    const mine = { workspaceId: actor.workspaceId, accountId: account.id, repId: actor.repId };
    return finishTodaysPicksOfAccount(tx, { ...mine, at: now, status: "skipped" });
  });
  await refreshNudges(ctx, touched);
  return {
    kind: "info",
    lines: [
      `*${verbatim(account.name)}* moved to the departed folder (reason: ${verbatim(command.reason)}).`,
      interviewer
        ? `${verbatim(interviewer.name)} will get an exit interview pick: someone other than the owner asks why.`
        : "Nobody other than the owner is here to hold the exit interview; add another rep.",
    ],
  };
}

/** Someone other than the owner: the owner's manager, else the actor, else another rep. */
async function chooseInterviewer(ctx: AppContext, actor: Actor, ownerId: number) {
  const owner = await findRepById(ctx.db, ownerId);
  for (const id of interviewerPreference(ownerId, owner?.managerId ?? null, actor.repId)) {
    const [rep] = await findRepNames(ctx.db, [id], actor.workspaceId);
    if (rep) return rep;
  }
  return findFirstOtherRep(ctx.db, actor.workspaceId, ownerId);
}

export async function runWon(ctx: AppContext, actor: Actor, command: Of<"won">): Promise<Reply> {
  const found = await withManageableAccount(
    ctx,
    actor,
    command,
    (name) => `*${name}* is not yours; its owner or a manager can mark it won back.`,
  );
  if ("reply" in found) return found.reply;
  const account = found.account;
  const won = decideWon(account, ctx.clock());
  if (!won.ok) {
    return {
      kind: "error",
      code: won.code,
      message: `*${verbatim(account.name)}* is not in the departed folder; it is active.`,
    };
  }
  const touched = await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, account.id, { status: won.status, updatedAt: won.wonBackAt });
    await markDeparturesWonBack(tx, account.id, won.wonBackAt);
    await retierWorkspace(tx, actor.workspaceId);
    await refreshDates(tx, actor.workspaceId, { accountIds: [account.id] });
    // Marked lost and won back the same day: today's pick asks for the contact again.
    return reopenTodaysSetAsidePicks(tx, {
      workspaceId: actor.workspaceId,
      accountId: account.id,
      at: won.wonBackAt,
    });
  });
  await refreshNudges(ctx, touched);
  return { kind: "info", lines: [`*${verbatim(account.name)}* is won back and active again. Well done.`] };
}

export async function runAssign(ctx: AppContext, actor: Actor, command: Of<"assign">): Promise<Reply> {
  const found = await withAccount(ctx, actor, command);
  if ("reply" in found) return found.reply;
  const rep = await findRep(ctx.db, actor, command.rep);
  if (!rep.ok) return { kind: "error", code: "NOT_FOUND", message: rep.message };
  if (found.account.ownerRepId === rep.rep.id) {
    return {
      kind: "info",
      lines: [`*${verbatim(found.account.name)}* already belongs to ${verbatim(rep.rep.name)}.`],
    };
  }
  await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, found.account.id, { ownerRepId: rep.rep.id, updatedAt: ctx.clock() });
    // The dates are counted in the owner's zone.
    await refreshDates(tx, actor.workspaceId, { accountIds: [found.account.id] });
  });
  return {
    kind: "info",
    lines: [`*${verbatim(found.account.name)}* now belongs to ${verbatim(rep.rep.name)}.`],
  };
}
