/**
 * The demo book of business, built from a seeded random source (the same every run for the same
 * day): accounts with a Pareto-shaped revenue spread, a year of check-ins with gaps, open
 * promises, snoozes and lost accounts.
 */
import { DateTime } from "luxon";
import { addDays, daysBetween } from "../../domain/time.js";
import {
  COMPANY_FIRST,
  COMPANY_FORM,
  COMPANY_TRADE,
  FIRST_NAMES,
  LAST_NAMES,
  LOSS_REASONS,
  NOTES,
} from "./demo-names.js";
import { type Random, seededRandom } from "./demo-random.js";
import { ACCOUNT_OWNERS, type DemoRep } from "./demo-reps.js";

export const DEMO_ACCOUNT_COUNT = 300;

export interface DemoBook {
  accounts: Record<string, string>[];
  checkins: Record<string, string>[];
  promises: Array<{ accountExternalId: string; repEmail: string; dueAt: Date; what: string }>;
  snoozes: Array<{ accountExternalId: string; repEmail: string; until: string }>;
  departures: Array<{
    accountExternalId: string;
    reason: string;
    lostOn: string;
    exitInterview: { repEmail: string; at: Date; note: string } | null;
    lastWinBackAt: Date | null;
  }>;
}

interface Plan {
  externalId: string;
  owner: DemoRep;
  revenue: number;
  customerSince: string;
  tier: "A" | "B" | "C";
  lostOn: string | null;
  neglected: boolean;
}

/** Builds the book as of `today` (the workspace's calendar date). */
export function buildDemoBook(today: string): DemoBook {
  const random = seededRandom(20261123);
  const plans = planAccounts(random, today);
  const taken = new Set<string>();
  const accounts = plans.map((p) => accountRow(random, p, today, taken));
  const checkins = plans.flatMap((p) => history(random, p, today));
  const open = plans.filter((p) => !p.lostOn && p.tier !== "C");
  const promises = [
    ["Send the price comparison against the competitor quote", 0],
    ["Confirm the delivery slot for the spring order", -1],
    ["Email the updated catalogue", 1],
    ["Call back about the volume discount", 3],
    ["Share the case study from a similar customer", 5],
  ].map(([what, days], i) => {
    const plan = open[i * 7]!;
    const dueAt = DateTime.fromISO(addDays(today, days as number), { zone: plan.owner.timezone }).set({
      hour: 16,
    });
    return {
      accountExternalId: plan.externalId,
      repEmail: plan.owner.email,
      dueAt: dueAt.toJSDate(),
      what: what as string,
    };
  });
  const snoozes = [3, 11, 19].map((n, i) => {
    const plan = open[n]!;
    return {
      accountExternalId: plan.externalId,
      repEmail: plan.owner.email,
      until: addDays(today, 7 * (i + 1)),
    };
  });
  const departures = plans
    .filter((p) => p.lostOn)
    .map((p, i) => {
      const interviewer = ACCOUNT_OWNERS[(ACCOUNT_OWNERS.indexOf(p.owner) + 1) % ACCOUNT_OWNERS.length]!;
      const lostOn = p.lostOn!;
      const interviewDay = addDays(lostOn, 7);
      return {
        accountExternalId: p.externalId,
        reason: LOSS_REASONS[i % LOSS_REASONS.length]!,
        lostOn,
        exitInterview:
          i % 2 === 0 && interviewDay < today
            ? {
                repEmail: interviewer.email,
                at: at(interviewDay, 11, interviewer),
                note: "Price was the stated reason; service gaps came up too",
              }
            : null,
        lastWinBackAt:
          daysBetween(lostOn, today) > 120 && i % 3 === 0 ? at(addDays(lostOn, 90), 10, p.owner) : null,
      };
    });
  return { accounts, checkins, promises, snoozes, departures };
}

function planAccounts(random: Random, today: string): Plan[] {
  const revenues = Array.from({ length: DEMO_ACCOUNT_COUNT }, () =>
    Math.max(2_000, Math.round(random.logNormal(10.6, 1.7) / 100) * 100),
  );
  // Tiers as the planner would rank them, so that the history looks like each tier's cadence.
  const ranked = [...revenues].sort((a, b) => b - a);
  const total = ranked.reduce((s, r) => s + r, 0);
  let running = 0;
  const tierOf = new Map<number, "A" | "B" | "C">();
  for (const r of ranked) {
    running += r;
    if (!tierOf.has(r))
      tierOf.set(r, running - r < total * 0.8 ? "A" : running - r < total * 0.95 ? "B" : "C");
  }
  return revenues.map((revenue, i) => {
    const tier = tierOf.get(revenue)!;
    return {
      externalId: `NW-${1001 + i}`,
      owner: ACCOUNT_OWNERS[i % ACCOUNT_OWNERS.length]!,
      revenue,
      customerSince: addDays(today, -random.int(200, 3650)),
      tier,
      lostOn: random.chance(0.04) ? addDays(today, -random.int(20, 300)) : null,
      neglected: tier === "A" && random.chance(0.2),
    };
  });
}

function accountRow(random: Random, p: Plan, today: string, taken: Set<string>): Record<string, string> {
  let name: string;
  do {
    name = `${random.pick(COMPANY_FIRST)} ${random.pick(COMPANY_TRADE)} ${random.pick(COMPANY_FORM)}`.trim();
  } while (taken.has(name));
  taken.add(name);
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const domain = `${name.toLowerCase().replace(/[^a-z]+/g, "")}.example`;
  const regular = random.chance(0.45);
  const interval = random.pick([14, 21, 30, 45, 60, 90]);
  // Some regular buyers stopped ordering: the planner flags them as at risk.
  const stopped = regular && random.chance(0.15);
  const lastOrder = regular
    ? addDays(
        today,
        -(stopped ? Math.round(interval * (2.5 + random.next() * 1.5)) : random.int(0, interval)),
      )
    : "";
  return {
    external_id: p.externalId,
    name,
    owner_email: p.owner.email,
    annual_revenue: String(p.revenue),
    gross_profit: random.chance(0.75) ? String(Math.round(p.revenue * (0.15 + random.next() * 0.3))) : "",
    status: p.lostOn ? "lost" : "active",
    customer_since: p.customerSince,
    last_order_at: lastOrder,
    avg_order_interval_days: regular ? String(interval) : "",
    contact_name: `${first} ${last}`,
    contact_email: `${first}.${last}@${domain}`
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase(),
    contact_phone: `+1 555 ${String(random.int(100, 999))} ${String(random.int(1000, 9999))}`,
  };
}

const CADENCE = { A: 7, B: 30, C: 90 } as const;
const CHANNELS = ["call", "call", "call", "email", "email", "email", "meeting", "video", "message"] as const;
const OUTCOMES = [
  "connected",
  "connected",
  "connected",
  "connected",
  "left_message",
  "no_answer",
  "no_answer",
  "opportunity",
  "issue_raised",
  "at_risk",
] as const;

/** A year of contacts at roughly the tier's cadence, with gaps; neglected and lost accounts go quiet. */
function history(random: Random, p: Plan, today: string): Record<string, string>[] {
  if (p.tier === "C" && random.chance(0.08)) return []; // never contacted
  const cadence = CADENCE[p.tier];
  const start = p.customerSince > addDays(today, -365) ? p.customerSince : addDays(today, -365);
  const end = p.lostOn
    ? addDays(p.lostOn, -random.int(10, 60))
    : p.neglected
      ? addDays(today, -random.int(20, 60))
      : addDays(today, -1);
  const rows: Record<string, string>[] = [];
  let day = addDays(start, random.int(0, cadence));
  for (;;) {
    const workday = workingDay(day, p.owner);
    // Only whole past days: a demo check-in is never in the future.
    if (workday > end || workday >= addDays(today, -1)) break;
    const when = at(workday, random.int(9, 16), p.owner, random.pick([0, 15, 30, 45]));
    rows.push({
      external_id: `demo-${p.externalId}-${rows.length + 1}`,
      account_external_id: p.externalId,
      rep_email: p.owner.email,
      at: when.toISOString(),
      channel: random.pick(CHANNELS),
      outcome: random.pick(OUTCOMES),
      note: random.chance(0.35) ? random.pick(NOTES) : "",
    });
    // Now and then a contact is simply missed: a gap of an extra cadence.
    const gap = random.chance(0.1) ? cadence : 0;
    day = addDays(day, Math.max(1, Math.round(cadence * (0.6 + random.next() * 0.8))) + gap);
  }
  return rows;
}

/** The next day on or after `day` that the rep works. */
function workingDay(day: string, rep: DemoRep): string {
  const days = rep.workingDays ?? [1, 2, 3, 4, 5];
  let d = day;
  while (!days.includes(DateTime.fromISO(d, { zone: "UTC" }).weekday)) d = addDays(d, 1);
  return d;
}

function at(day: string, hour: number, rep: DemoRep, minute = 0): Date {
  return DateTime.fromISO(day, { zone: rep.timezone }).set({ hour, minute }).toJSDate();
}
