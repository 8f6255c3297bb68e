import type { Command } from "commander";

/** Registers `retention tick`. */
export function register(_program: Command): void {}
