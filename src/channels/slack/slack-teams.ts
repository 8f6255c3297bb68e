/**
 * Which Slack team is which workspace, and the bot token to use for each. One bot token
 * (SLACK_BOT_TOKEN) binds the service to the team `auth.test` names; with OAuth, every installed
 * team has its own token in `slack_installations` and its own workspace.
 */
import type { Installation, InstallationStore, webApi } from "@slack/bolt";
import type { Db } from "../../storage/database.js";
import {
  bindSlackWorkspace,
  deleteSlackInstallation,
  findSlackInstallation,
  findSlackInstallationOfWorkspace,
  findSlackWorkspaceId,
  markConnected,
  saveSlackInstallation,
} from "../../storage/slack-workspaces.js";
import { slackErrorCode } from "./errors.js";
import { type ClientSettings, createWebClient } from "./web-client.js";

export interface SlackTeams {
  /** The workspace of a Slack team, when the team is known (installed or bound). */
  workspaceOf(teamId: string | undefined): Promise<number | undefined>;
  /** A Web API client with the bot token of a workspace, when Slack reaches it. */
  clientFor(workspaceId: number): Promise<webApi.WebClient | undefined>;
}

/** One workspace, one bot token: the team is learnt from `auth.test` at start. */
export class SingleTeam implements SlackTeams {
  private bound: { teamId: string; workspaceId: number; botUserId: string; botId: string } | undefined;
  private binding: Promise<void> | undefined;
  readonly client: webApi.WebClient;

  constructor(
    private readonly db: Db,
    readonly botToken: string,
    settings: ClientSettings,
  ) {
    this.client = createWebClient(botToken, settings);
  }

  /** Binds the team to a workspace once; a refused token stops the service with its reason. */
  bind(): Promise<void> {
    this.binding ??= this.doBind().catch((err: unknown) => {
      this.binding = undefined;
      throw err;
    });
    return this.binding;
  }

  private async doBind(): Promise<void> {
    let result: webApi.AuthTestResponse;
    try {
      result = await this.client.auth.test();
    } catch (err) {
      const code = slackErrorCode(err);
      throw new Error(
        code
          ? `Slack refused SLACK_BOT_TOKEN (auth.test: ${code}); copy the Bot User OAuth Token again`
          : `Slack could not be reached to check SLACK_BOT_TOKEN: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const teamId = result.team_id ?? "";
    const workspaceId = await bindSlackWorkspace(this.db, teamId, result.team);
    // auth.test passed, so the app is installed: a workspace disconnected by an uninstall resumes.
    await markConnected(this.db, workspaceId);
    this.bound = { teamId, workspaceId, botUserId: result.user_id ?? "", botId: result.bot_id ?? "" };
  }

  /** What Bolt's `authorize` needs for every incoming request. */
  async authorization(): Promise<{ botToken: string; botUserId: string; botId: string; teamId: string }> {
    await this.bind();
    const bound = this.bound;
    if (!bound) throw new Error("the Slack bot token is not bound to a workspace");
    return { botToken: this.botToken, botUserId: bound.botUserId, botId: bound.botId, teamId: bound.teamId };
  }

  async workspaceOf(teamId: string | undefined): Promise<number | undefined> {
    await this.bind();
    const bound = this.bound;
    return bound && teamId === bound.teamId ? bound.workspaceId : undefined;
  }

  async clientFor(workspaceId: number): Promise<webApi.WebClient | undefined> {
    await this.bind();
    const bound = this.bound;
    return bound && workspaceId === bound.workspaceId ? this.client : undefined;
  }
}

/** Many workspaces through OAuth: each installation brings its team's bot token. */
export class InstalledTeams implements SlackTeams {
  private readonly workspaces = new Map<string, number>();
  private readonly clients = new Map<string, webApi.WebClient>();

  constructor(
    private readonly db: Db,
    private readonly settings: ClientSettings,
  ) {}

  async workspaceOf(teamId: string | undefined): Promise<number | undefined> {
    if (!teamId) return undefined;
    const cached = this.workspaces.get(teamId);
    if (cached !== undefined) return cached;
    const found = await findSlackWorkspaceId(this.db, teamId);
    if (found !== undefined) this.workspaces.set(teamId, found);
    return found;
  }

  async clientFor(workspaceId: number): Promise<webApi.WebClient | undefined> {
    const installation = (await findSlackInstallationOfWorkspace(this.db, workspaceId)) as
      | Installation
      | undefined;
    const token = installation?.bot?.token;
    if (!token) return undefined;
    let client = this.clients.get(token);
    if (!client) {
      client = createWebClient(token, this.settings);
      this.clients.set(token, client);
    }
    return client;
  }

  /** Bolt's installation store, backed by `slack_installations`. */
  store(): InstallationStore {
    const keyOf = (q: {
      teamId?: string | undefined;
      enterpriseId?: string | undefined;
      isEnterpriseInstall?: boolean;
    }) => ({
      teamId: q.isEnterpriseInstall ? "" : (q.teamId ?? ""),
      enterpriseId: q.enterpriseId ?? "",
    });
    return {
      storeInstallation: async (installation) => {
        const key = keyOf({
          teamId: installation.team?.id,
          enterpriseId: installation.enterprise?.id,
          isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
        });
        const workspaceId = await saveSlackInstallation(
          this.db,
          key,
          installation.team?.name ?? installation.enterprise?.name,
          installation,
        );
        this.workspaces.set(key.teamId || key.enterpriseId, workspaceId);
      },
      fetchInstallation: async (query) => {
        const found = await findSlackInstallation(this.db, keyOf(query));
        if (!found) throw new Error(`no Slack installation for team ${query.teamId ?? query.enterpriseId}`);
        return found.installation as Installation;
      },
      deleteInstallation: async (query) => {
        await deleteSlackInstallation(this.db, keyOf(query));
      },
    };
  }
}
