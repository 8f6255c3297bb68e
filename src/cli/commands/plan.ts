import type { Command } from "commander";

/** Registers `retention plan`. */
export function register(_program: Command): void {}
