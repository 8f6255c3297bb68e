/**
 * The code rules dependency-cruiser cannot check (docs/architecture.md): time is an input under
 * src/app and src/domain, source files stay small, and every planner rule the code cites exists.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MAX_LINES = 300;
const LONG_FILES_ALLOWED = new Set(["src/storage/schema.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

function read(file: string): string {
  return readFileSync(path.join(root, file), "utf8");
}

/** `file:line: text` for every line of `files` that matches `pattern`. */
function findLines(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    read(file)
      .split("\n")
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

/** "planner rule 4", "planner rules 2 and 3", "Planner rules 7, 9": every number cited. */
function citedPlannerRules(text: string): number[] {
  const numbers: number[] = [];
  for (const match of text.matchAll(/planner rules? (\d+(?:(?:, | and | or |-)\d+)*)/gi)) {
    for (const n of (match[1] ?? "").split(/, | and | or |-/)) numbers.push(Number(n));
  }
  return numbers;
}

/** The numbers of docs/planner-rules.md's numbered list. */
function documentedPlannerRules(): Set<number> {
  const doc = read("docs/planner-rules.md");
  return new Set([...doc.matchAll(/^(\d+)\. \*\*/gm)].map((m) => Number(m[1])));
}

describe("code rules", () => {
  it("no use case or rule reads the clock: time comes from ctx.clock() or a parameter", () => {
    const files = [...sourceFiles("src/app"), ...sourceFiles("src/domain")];
    expect(findLines(files, /new Date\(\s*\)|Date\.now\(\)/)).toEqual([]);
  });

  it(`no source file is over ${MAX_LINES} lines, except the schema`, () => {
    const long = sourceFiles("src")
      .filter((file) => !LONG_FILES_ALLOWED.has(file))
      .map((file) => ({ file, lines: read(file).trimEnd().split("\n").length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it("every planner rule cited in the code and the tests is in docs/planner-rules.md", () => {
    const documented = documentedPlannerRules();
    expect(documented.size).toBeGreaterThanOrEqual(11);
    const unknown = [...sourceFiles("src"), ...sourceFiles("test")].flatMap((file) =>
      citedPlannerRules(read(file))
        .filter((n) => !documented.has(n))
        .map((n) => `${file}: planner rule ${n}`),
    );
    expect(unknown).toEqual([]);
  });

  it("no code comment points at SPEC.md, which is not in the repository", () => {
    expect(findLines(sourceFiles("src"), /SPEC(\.md)?\b/)).toEqual([]);
  });

  it("reads every form of a planner rule citation", () => {
    expect(citedPlannerRules("see planner rule 4; Planner rules 2 and 3; planner rules 7, 9 or 12")).toEqual([
      4, 2, 3, 7, 9, 12,
    ]);
    expect(citedPlannerRules("the planner rules apply; rule 5 alone is not a citation")).toEqual([]);
  });
});
