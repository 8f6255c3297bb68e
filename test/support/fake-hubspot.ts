/**
 * A fake HubSpot on 127.0.0.1 answering the endpoints the connector calls, in their documented
 * shapes, to the real `@hubspot/api-client`:
 * - `GET /crm/v3/owners?limit&after` → `{results: [{id, email, firstName, lastName, …}], paging?}`
 * - `POST /crm/v3/objects/{type}/search` with `{filterGroups, sorts, properties, limit, after}` →
 *   `{total, results: [{id, properties, createdAt, updatedAt, archived}], paging?: {next: {after}}}`;
 *   GT/GTE/LT/LTE filters on date properties (milliseconds), one ascending sort; an `after` past
 *   the result limit (10,000 in HubSpot) answers 400 as HubSpot does
 * - `POST /crm/v4/associations/{from}/{to}/batch/read` with `{inputs: [{id}]}` → `{status,
 *   results: [{from: {id}, to: [{toObjectId, associationTypes}]}]}`, 207 with `errors` when some
 *   input has none.
 * Tests script failures (`failWhen`): a status with headers (429 and its rate-limit headers), or
 * a dropped connection.
 */
import http from "node:http";

export interface HubSpotRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  /** 1-based count of requests to this path so far (this one included). */
  nth: number;
}

export type HubSpotFailure =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { destroy: true };

export interface FakeHubSpot {
  /** For HUBSPOT_API_URL. */
  url: string;
  token: string;
  requests: HubSpotRequest[];
  addOwner(owner: { id: string; email: string; firstName?: string; lastName?: string }): void;
  /** Adds or replaces a record; `hs_lastmodifieddate` defaults to now. */
  putObject(type: string, id: string, properties: Record<string, string | null>): void;
  associate(fromType: string, fromId: string, toType: string, toId: string): void;
  /** Every request is offered to `rule` first; a failure it returns is answered instead. */
  failWhen(rule: ((req: HubSpotRequest) => HubSpotFailure | undefined) | undefined): void;
  searches(type: string): HubSpotRequest[];
  close(): Promise<void>;
}

export async function startFakeHubSpot(options: { searchResultLimit?: number } = {}): Promise<FakeHubSpot> {
  const token = "pat-na1-fake-0123456789";
  const limit = options.searchResultLimit ?? 10_000;
  const owners: Record<string, string>[] = [];
  const objects = new Map<string, Map<string, Record<string, string | null>>>();
  const associations = new Map<string, Set<string>>();
  const requests: HubSpotRequest[] = [];
  const counts = new Map<string, number>();
  let rule: ((req: HubSpotRequest) => HubSpotFailure | undefined) | undefined;

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { "content-type": "application/json;charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (message: string, category: string) => ({
    status: "error",
    message,
    correlationId: "fake",
    category,
  });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const text = Buffer.concat(chunks).toString("utf8");
      // The SDK asks for `/crm/v3/owners/`; HubSpot answers with or without the slash.
      const path = url.pathname.replace(/(.)\/+$/, "$1");
      const nth = (counts.get(path) ?? 0) + 1;
      counts.set(path, nth);
      const request: HubSpotRequest = {
        method: req.method ?? "GET",
        path,
        query: url.searchParams,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
        nth,
      };
      requests.push(request);
      if (req.headers.authorization !== `Bearer ${token}`) {
        return send(res, 401, error("Authentication credentials not found.", "INVALID_AUTHENTICATION"));
      }
      const failure = rule?.(request);
      if (failure && "destroy" in failure) return void res.socket?.destroy();
      if (failure)
        return send(res, failure.status, failure.body ?? error("failure", "ERROR"), failure.headers);
      if (request.method === "GET" && path === "/crm/v3/owners")
        return send(res, 200, ownersPage(url.searchParams));
      const search = /^\/crm\/v3\/objects\/([a-z_]+)\/search$/.exec(path);
      if (request.method === "POST" && search?.[1]) {
        const answer = searchPage(search[1], request.body ?? {});
        return typeof answer === "string"
          ? send(res, 400, error(answer, "VALIDATION_ERROR"))
          : send(res, 200, answer);
      }
      const assoc = /^\/crm\/v4\/associations\/([a-z_]+)\/([a-z_]+)\/batch\/read$/.exec(path);
      if (request.method === "POST" && assoc?.[1] && assoc[2]) {
        const [status, body] = associationsPage(assoc[1], assoc[2], request.body ?? {});
        return send(res, status, body);
      }
      send(res, 404, error(`no route ${request.method} ${path}`, "OBJECT_NOT_FOUND"));
    });
  });

  function ownersPage(query: URLSearchParams) {
    const offset = Number(query.get("after") ?? 0);
    const size = Number(query.get("limit") ?? 100);
    const slice = owners.slice(offset, offset + size);
    const stamp = "2024-01-01T00:00:00.000Z";
    const results = slice.map((o) => ({
      ...o,
      userId: Number(o.id),
      createdAt: stamp,
      updatedAt: stamp,
      archived: false,
    }));
    const next = offset + size < owners.length ? String(offset + size) : undefined;
    return { results, ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}) };
  }

  function searchPage(type: string, body: Record<string, unknown>) {
    const size = Math.min(Number(body.limit ?? 10), 200);
    const offset = Number(body.after ?? 0);
    if (offset + size > limit) return `the search API returns at most ${limit} results (after ${offset})`;
    const groups = (body.filterGroups ?? []) as {
      filters: { propertyName: string; operator: string; value: string }[];
    }[];
    const sorts = (body.sorts ?? []) as { propertyName: string; direction: string }[];
    const wanted = (body.properties ?? []) as string[];
    let rows = [...(objects.get(type) ?? new Map()).entries()];
    const ms = (v: string | null | undefined) => (v ? Date.parse(v) : Number.NaN);
    if (groups.length > 0) {
      rows = rows.filter(([, p]) =>
        groups.some((g) =>
          g.filters.every((f) => {
            const have = ms(p[f.propertyName]);
            const want = Number(f.value);
            if (f.operator === "GT") return have > want;
            if (f.operator === "GTE") return have >= want;
            if (f.operator === "LT") return have < want;
            if (f.operator === "LTE") return have <= want;
            throw new Error(`fake HubSpot: operator ${f.operator} not supported`);
          }),
        ),
      );
    }
    const sort = sorts[0];
    rows.sort(([a, pa], [b, pb]) => {
      const by = sort ? ms(pa[sort.propertyName]) - ms(pb[sort.propertyName]) : 0;
      return (sort?.direction === "DESCENDING" ? -by : by) || Number(a) - Number(b);
    });
    const slice = rows.slice(offset, offset + size);
    const results = slice.map(([id, p]) => {
      const properties: Record<string, string | null> = { hs_object_id: id };
      for (const name of [...wanted, "createdate", "hs_lastmodifieddate"]) properties[name] = p[name] ?? null;
      const updatedAt = p.hs_lastmodifieddate ?? "2024-01-01T00:00:00.000Z";
      return { id, properties, createdAt: p.createdate ?? updatedAt, updatedAt, archived: false };
    });
    const next = offset + size < rows.length ? String(offset + size) : undefined;
    return { total: rows.length, results, ...(next ? { paging: { next: { after: next } } } : {}) };
  }

  function associationsPage(from: string, to: string, body: Record<string, unknown>): [number, unknown] {
    const inputs = (body.inputs ?? []) as { id: string }[];
    const results = [];
    const errors = [];
    for (const { id } of inputs) {
      const targets = [...(associations.get(`${from}:${id}:${to}`) ?? [])];
      if (targets.length === 0) {
        errors.push({
          status: "error",
          category: "OBJECT_NOT_FOUND",
          message: `No ${to} is associated with ${from} ${id}.`,
          context: { fromObjectId: [id] },
        });
        continue;
      }
      results.push({
        from: { id },
        to: targets.map((t) => ({
          toObjectId: Number(t),
          associationTypes: [{ category: "HUBSPOT_DEFINED", typeId: 182, label: null }],
        })),
      });
    }
    const stamp = new Date().toISOString();
    const answer = { status: "COMPLETE", results, startedAt: stamp, completedAt: stamp };
    return errors.length > 0 ? [207, { ...answer, errors, numErrors: errors.length }] : [200, answer];
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    addOwner: (owner) => {
      owners.push({ firstName: "", lastName: "", ...owner });
    },
    putObject: (type, id, properties) => {
      const table = objects.get(type) ?? new Map();
      objects.set(type, table);
      table.set(id, { hs_lastmodifieddate: new Date().toISOString(), ...properties });
    },
    associate: (fromType, fromId, toType, toId) => {
      const key = `${fromType}:${fromId}:${toType}`;
      associations.set(key, (associations.get(key) ?? new Set()).add(toId));
    },
    failWhen: (next) => {
      rule = next;
    },
    searches: (type) => requests.filter((r) => r.path === `/crm/v3/objects/${type}/search`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
