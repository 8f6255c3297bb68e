import type { Command } from "commander";

/** Registers `retention import`. */
export function register(_program: Command): void {}
