/**
 * The HubSpot connector (docs/activities.md): `@hubspot/api-client` against CRM v3 and
 * associations v4. A pass reads every owner (`GET /crm/v3/owners`), then each stream through the
 * search endpoint (`POST /crm/v3/objects/{type}/search`) sorted ascending by its cursor property,
 * from the stored cursor, 100 records a page: companies, calls, emails and meetings changed since
 * (`hs_lastmodifieddate`), and meetings whose time has come since (`hs_timestamp`, so that a
 * meeting booked ahead counts once held). Engagements get their companies from
 * `POST /crm/v4/associations/{type}/companies/batch/read`. A search answers at most 10,000
 * results: past that the query starts again from the last cursor value reached.
 */
import { Client } from "@hubspot/api-client";
import type { CrmActivity, CrmConnector, CrmPassStats, CrmSink } from "../../app/connectors/crm-connector.js";
import { type CallStats, defaultRetryPolicy, type RetryPolicy, withRetries } from "./rate-limit.js";
import {
  COMPANY_PROPERTIES,
  ENGAGEMENT_PROPERTIES,
  type EngagementType,
  notAContact,
  parseRecord,
  sortValue,
  toAccount,
  toActivities,
  toOwner,
} from "./records.js";

export interface HubSpotOptions {
  accessToken: string;
  /** Base URL of the API (HUBSPOT_API_URL); https://api.hubapi.com by default. */
  basePath?: string;
  /** Records per search page (HubSpot allows up to 200). */
  pageSize?: number;
  retry?: Partial<RetryPolicy>;
  /** The pass's "now", for the meetings whose time has come. */
  clock?: () => Date;
  /** Results one search query may page through (HubSpot: 10,000); lower in tests. */
  searchResultLimit?: number;
}

/** HubSpot's search endpoints answer at most this many results per query. */
export const SEARCH_RESULT_LIMIT = 10_000;

type ObjectType = "companies" | EngagementType;

interface Stream {
  name: string;
  type: ObjectType;
  sortBy: "hs_lastmodifieddate" | "hs_timestamp";
  /** Only records up to now on the sort property. */
  upToNow?: boolean;
}

const STREAMS: Stream[] = [
  { name: "companies", type: "companies", sortBy: "hs_lastmodifieddate" },
  { name: "calls", type: "calls", sortBy: "hs_lastmodifieddate" },
  { name: "emails", type: "emails", sortBy: "hs_lastmodifieddate" },
  { name: "meetings", type: "meetings", sortBy: "hs_lastmodifieddate" },
  { name: "meetings_held", type: "meetings", sortBy: "hs_timestamp", upToNow: true },
];

interface SearchPage {
  results: unknown[];
  paging?: { next?: { after?: string } };
}

export function createHubSpotConnector(options: HubSpotOptions): CrmConnector {
  const client = new Client({
    accessToken: options.accessToken,
    ...(options.basePath ? { basePath: options.basePath.replace(/\/+$/, "") } : {}),
    numberOfApiCallRetries: 0,
  });
  const pageSize = options.pageSize ?? 100;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const clock = options.clock ?? (() => new Date());
  const resultLimit = options.searchResultLimit ?? SEARCH_RESULT_LIMIT;

  const searchApi = (type: ObjectType) =>
    type === "companies" ? client.crm.companies.searchApi : client.crm.objects[type].searchApi;

  return {
    source: "hubspot",
    label: "HubSpot",
    async sync(cursors, sink, { full }): Promise<CrmPassStats> {
      const stats: CallStats & { pages: number } = { requests: 0, retries: 0, waitedMs: 0, pages: 0 };
      const call = <T>(fn: () => Promise<T>) => withRetries(fn, policy, stats);
      const now = clock().getTime();

      const owners = [];
      let after: string | undefined;
      do {
        const page = await call(() => client.crm.owners.ownersApi.getPage(undefined, after, 100, false));
        for (const raw of page.results) {
          const owner = toOwner(raw);
          if (typeof owner === "string") sink.skipped("owners", String((raw as { id?: unknown }).id), owner);
          else owners.push(owner);
        }
        after = page.paging?.next?.after;
      } while (after);
      await sink.owners(owners);

      for (const stream of STREAMS) {
        const since = full ? undefined : cursors.get(stream.name);
        for await (const page of searchPages(stream, since, now)) {
          stats.pages += 1;
          await writePage(stream, page.records, page.cursor, sink);
        }
      }
      return {
        requests: stats.requests,
        pages: stats.pages,
        retries: stats.retries,
        waitedMs: stats.waitedMs,
      };

      /** The stream's pages from `since` on, each with the cursor its last record reached. */
      async function* searchPages(stream: Stream, since: string | undefined, upTo: number) {
        let from = since;
        let strictlyAfter = false;
        for (;;) {
          let after: string | undefined;
          let requeried = false;
          for (;;) {
            const filters = [];
            if (from) {
              const operator = strictlyAfter ? "GT" : "GTE";
              filters.push({ propertyName: stream.sortBy, operator, value: String(Date.parse(from)) });
            }
            if (stream.upToNow)
              filters.push({ propertyName: stream.sortBy, operator: "LTE", value: String(upTo) });
            const request = {
              filterGroups: filters.length > 0 ? [{ filters }] : [],
              // The search API takes sort objects; the SDK's type says strings.
              sorts: [{ propertyName: stream.sortBy, direction: "ASCENDING" }] as unknown as string[],
              properties:
                stream.type === "companies" ? COMPANY_PROPERTIES : ENGAGEMENT_PROPERTIES[stream.type],
              limit: pageSize,
              ...(after ? { after } : {}),
            };
            const page = (await call(() =>
              searchApi(stream.type).doSearch(
                request as Parameters<ReturnType<typeof searchApi>["doSearch"]>[0],
              ),
            )) as SearchPage;
            const records = [];
            for (const raw of page.results) {
              const record = parseRecord(raw);
              if (typeof record === "string")
                sink.skipped(stream.name, String((raw as { id?: unknown }).id), record);
              else records.push(record);
            }
            const last = records.at(-1);
            const cursor = (last && sortValue(last, stream.sortBy)) ?? from;
            if (records.length > 0 && cursor) yield { records, cursor };
            const next = page.paging?.next?.after;
            if (!next || page.results.length === 0) return;
            if (Number(next) + pageSize > resultLimit) {
              // 10,000 results per query: query again from where this one reached.
              strictlyAfter = cursor === from;
              from = cursor;
              requeried = true;
              break;
            }
            after = next;
          }
          if (!requeried) return;
        }
      }

      async function writePage(
        stream: Stream,
        records: Exclude<ReturnType<typeof parseRecord>, string>[],
        cursor: string,
        out: CrmSink,
      ): Promise<void> {
        if (stream.type === "companies") {
          await out.accounts(stream.name, records.map(toAccount), cursor);
          return;
        }
        const type = stream.type;
        const contacts = records.filter((record) => {
          const reason = notAContact(type, record);
          if (reason) out.skipped(stream.name, `${type}/${record.id}`, reason);
          return !reason;
        });
        const companies = await companiesOf(
          type,
          contacts.map((r) => r.id),
        );
        const activities: CrmActivity[] = [];
        for (const record of contacts) {
          const ids = companies.get(record.id) ?? [];
          if (ids.length === 0)
            out.skipped(stream.name, `${type}/${record.id}`, "it is associated with no company");
          activities.push(...toActivities(type, record, ids));
        }
        await out.activities(stream.name, activities, cursor);
      }

      /** Each engagement's associated companies (associations v4 batch read). */
      async function companiesOf(type: EngagementType, ids: string[]): Promise<Map<string, string[]>> {
        const found = new Map<string, string[]>();
        if (ids.length === 0) return found;
        const answer = await call(() =>
          client.crm.associations.v4.batchApi.getPage(type, "companies", {
            inputs: ids.map((id) => ({ id })),
          }),
        );
        for (const result of answer.results) {
          const list = found.get(String(result._from.id)) ?? [];
          list.push(...result.to.map((to) => String(to.toObjectId)));
          found.set(String(result._from.id), [...new Set(list)]);
        }
        return found;
      }
    },
  };
}
