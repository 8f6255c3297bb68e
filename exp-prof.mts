const t0 = performance.now();
const lap = (l: string) => console.log(l, (performance.now() - t0).toFixed(0));
const { openDatabase } = await import("./src/storage/database.ts"); lap("import database");
const { sql } = await import("drizzle-orm");
for (const dir of ["/tmp/e-exp/d4", ":memory:"]) {
(await import("node:fs")).rmSync(dir, { recursive: true, force: true });
const d = await openDatabase({ dataDir: dir }); lap("open fresh " + dir);
await d.migrate(); lap("migrate fresh");
console.log((await d.db.execute(sql`select count(*) from drizzle.__drizzle_migrations`)) );
await d.close(); lap("close");
}
