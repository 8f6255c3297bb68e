import type { Command } from "commander";

/** Registers `retention report`. */
export function register(_program: Command): void {}
