import { formatWorkingDays } from "../../domain/working-days.js";

/** The demo team: two managers and six reps across five time zones, one with a Sunday–Thursday week. */
export interface DemoRep {
  email: string;
  name: string;
  timezone: string;
  role: "rep" | "manager";
  managerEmail: string | null;
  /** ISO weekdays, when not the workspace's Monday–Friday. */
  workingDays: number[] | null;
}

const MAYA = "maya.chen@northwind.demo";
const LUKAS = "lukas.becker@northwind.demo";

export const DEMO_REPS: readonly DemoRep[] = [
  {
    email: MAYA,
    name: "Maya Chen",
    timezone: "America/New_York",
    role: "manager",
    managerEmail: null,
    workingDays: null,
  },
  {
    email: LUKAS,
    name: "Lukas Becker",
    timezone: "Europe/Berlin",
    role: "manager",
    managerEmail: null,
    workingDays: null,
  },
  {
    email: "jordan.price@northwind.demo",
    name: "Jordan Price",
    timezone: "America/New_York",
    role: "rep",
    managerEmail: MAYA,
    workingDays: null,
  },
  {
    email: "sofia.martinez@northwind.demo",
    name: "Sofia Martinez",
    timezone: "America/Chicago",
    role: "rep",
    managerEmail: MAYA,
    workingDays: null,
  },
  {
    email: "ethan.walker@northwind.demo",
    name: "Ethan Walker",
    timezone: "America/Los_Angeles",
    role: "rep",
    managerEmail: MAYA,
    workingDays: null,
  },
  {
    email: "anna.schmidt@northwind.demo",
    name: "Anna Schmidt",
    timezone: "Europe/Berlin",
    role: "rep",
    managerEmail: LUKAS,
    workingDays: null,
  },
  {
    email: "priya.nair@northwind.demo",
    name: "Priya Nair",
    timezone: "Asia/Kolkata",
    role: "rep",
    managerEmail: LUKAS,
    workingDays: null,
  },
  {
    email: "omar.haddad@northwind.demo",
    name: "Omar Haddad",
    timezone: "Asia/Dubai",
    role: "rep",
    managerEmail: LUKAS,
    workingDays: [7, 1, 2, 3, 4],
  },
];

/** The reps who own accounts (managers coach; they do not carry a book here). */
export const ACCOUNT_OWNERS = DEMO_REPS.filter((r) => r.role === "rep");

export function repsCsvRows(): Record<string, string>[] {
  return DEMO_REPS.map((r) => ({
    email: r.email,
    name: r.name,
    timezone: r.timezone,
    role: r.role,
    manager_email: r.managerEmail ?? "",
    working_days: r.workingDays ? formatWorkingDays(r.workingDays) : "",
  }));
}
