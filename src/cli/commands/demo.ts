import type { Command } from "commander";

/** Registers `retention demo`. */
export function register(_program: Command): void {}
