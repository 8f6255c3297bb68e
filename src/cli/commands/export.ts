import type { Command } from "commander";

/** Registers `retention export`. */
export function register(_program: Command): void {}
