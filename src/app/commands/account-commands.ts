/** `account`, `lost`, `won` and `assign`: looking at an account and changing its standing. */
import { and, asc, desc, eq, gt, isNull, ne } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Command } from "../../domain/commands/types.js";
import { cadenceFor } from "../../domain/planner/cadence.js";
import { compactMoney, riskReasons } from "../../domain/reports/risk.js";
import { daysBetween, localDate } from "../../domain/time.js";
import { accounts, checkins, departures, promises, reps, snoozes } from "../../storage/schema.js";
import { getWorkspace } from "../../storage/workspaces.js";
import type { Actor, AppContext } from "../ports.js";
import type { Reply } from "../replies.js";
import { loadTiers } from "../reports/load-book.js";
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

  const [owner] = await ctx.db.select({ name: reps.name }).from(reps).where(eq(reps.id, account.ownerRepId));
  const recent = await ctx.db
    .select({
      at: checkins.at,
      channel: checkins.channel,
      outcome: checkins.outcome,
      note: checkins.note,
      rep: reps.name,
    })
    .from(checkins)
    .innerJoin(reps, eq(reps.id, checkins.repId))
    .where(eq(checkins.accountId, account.id))
    .orderBy(desc(checkins.at))
    .limit(3);
  const open = await ctx.db
    .select({ what: promises.what, dueAt: promises.dueAt, rep: reps.name })
    .from(promises)
    .innerJoin(reps, eq(reps.id, promises.repId))
    .where(and(eq(promises.accountId, account.id), eq(promises.status, "open")))
    .orderBy(asc(promises.dueAt));
  const [snooze] = await ctx.db
    .select({ until: snoozes.until })
    .from(snoozes)
    .where(and(eq(snoozes.accountId, account.id), gt(snoozes.until, today)))
    .orderBy(desc(snoozes.until))
    .limit(1);

  const tier =
    account.status === "active"
      ? ((await loadTiers(ctx.db, actor.workspaceId, settings)).get(account.id) ?? "C")
      : null;
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
  if (snooze) lines.push(`Snoozed until ${DateTime.fromISO(snooze.until).toFormat("ccc d LLL yyyy")}`);
  if (account.contactName || account.contactEmail || account.contactPhone) {
    lines.push(
      `Contact: ${[account.contactName, account.contactEmail, account.contactPhone].filter(Boolean).join(" · ")}`,
    );
  }
  lines.push(recent.length ? "*Last contacts:*" : "*Last contacts:* none logged");
  for (const c of recent) {
    const note = c.note ? ` — ${c.note.length > 150 ? `${c.note.slice(0, 150)}…` : c.note}` : "";
    lines.push(
      `• ${fmt(c.at)} · ${c.channel}${c.outcome ? ` (${c.outcome.replace("_", " ")})` : ""} · ${c.rep}${note}`,
    );
  }
  lines.push(open.length ? "*Open promises:*" : "*Open promises:* none");
  for (const p of open) {
    lines.push(`• ${p.dueAt < now ? "*overdue* since" : "due"} ${fmt(p.dueAt)}: ${p.what} (${p.rep})`);
  }
  return { kind: "info", title: `${account.name} (#${account.id})`, lines };
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
  if (account.status === "lost") {
    return {
      kind: "error",
      code: "ALREADY_LOST",
      message: `*${account.name}* is already in the departed folder.`,
    };
  }
  const now = ctx.clock();
  const lostOn = localDate(now, actor.timezone);
  const interviewer = await chooseInterviewer(ctx, actor, account.ownerRepId);
  await ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set({ status: "lost", updatedAt: now }).where(eq(accounts.id, account.id));
    await tx.insert(departures).values({
      workspaceId: actor.workspaceId,
      accountId: account.id,
      reason: command.reason,
      lostOn,
      tenureDays: account.customerSince ? Math.max(0, daysBetween(account.customerSince, lostOn)) : null,
      exitInterviewRepId: interviewer?.id ?? null,
      createdAt: now,
    });
  });
  return {
    kind: "info",
    lines: [
      `*${account.name}* moved to the departed folder (reason: ${command.reason}).`,
      interviewer
        ? `${interviewer.name} will get an exit interview pick: someone other than the owner asks why.`
        : "Nobody other than the owner is here to hold the exit interview; add another rep.",
    ],
  };
}

/** Someone other than the owner: the owner's manager, else the actor, else another rep. */
async function chooseInterviewer(ctx: AppContext, actor: Actor, ownerId: number) {
  const [owner] = await ctx.db.select({ managerId: reps.managerId }).from(reps).where(eq(reps.id, ownerId));
  const candidates = [owner?.managerId ?? null, actor.repId].filter(
    (id): id is number => id !== null && id !== ownerId,
  );
  for (const id of candidates) {
    const [rep] = await ctx.db
      .select({ id: reps.id, name: reps.name })
      .from(reps)
      .where(and(eq(reps.id, id), eq(reps.workspaceId, actor.workspaceId)));
    if (rep) return rep;
  }
  const [other] = await ctx.db
    .select({ id: reps.id, name: reps.name })
    .from(reps)
    .where(and(eq(reps.workspaceId, actor.workspaceId), ne(reps.id, ownerId)))
    .orderBy(asc(reps.id))
    .limit(1);
  return other;
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
  if (account.status !== "lost") {
    return {
      kind: "error",
      code: "NOT_LOST",
      message: `*${account.name}* is not in the departed folder; it is active.`,
    };
  }
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set({ status: "active", updatedAt: now }).where(eq(accounts.id, account.id));
    await tx
      .update(departures)
      .set({ wonBackAt: now })
      .where(and(eq(departures.accountId, account.id), isNull(departures.wonBackAt)));
  });
  return { kind: "info", lines: [`*${account.name}* is won back and active again. Well done.`] };
}

export async function runAssign(ctx: AppContext, actor: Actor, command: Of<"assign">): Promise<Reply> {
  const found = await withAccount(ctx, actor, command);
  if ("reply" in found) return found.reply;
  const rep = await findRep(ctx.db, actor, command.rep);
  if (!rep.ok) return { kind: "error", code: "NOT_FOUND", message: rep.message };
  if (found.account.ownerRepId === rep.rep.id) {
    return { kind: "info", lines: [`*${found.account.name}* already belongs to ${rep.rep.name}.`] };
  }
  await ctx.db
    .update(accounts)
    .set({ ownerRepId: rep.rep.id, updatedAt: ctx.clock() })
    .where(eq(accounts.id, found.account.id));
  return { kind: "info", lines: [`*${found.account.name}* now belongs to ${rep.rep.name}.`] };
}
