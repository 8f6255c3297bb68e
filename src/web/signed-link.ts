/**
 * Personal dashboard links: `?m=<managerRepId>&e=<expiry seconds>&s=<HMAC-SHA256>`, signed with a
 * server secret and valid 24 hours. The signature covers the manager and the expiry, so neither
 * can be changed; the comparison is constant-time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const LINK_VALIDITY_MS = 24 * 3_600_000;

export interface LinkClaims {
  workspaceId: number;
  repId: number;
  expiresAt: number;
}

export function signLink(secret: string, claims: LinkClaims): string {
  const payload = `${claims.workspaceId}.${claims.repId}.${Math.floor(claims.expiresAt / 1000)}`;
  return `${payload}.${mac(secret, payload)}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: "invalid" | "expired" };

export function verifyLink(secret: string, token: string, now: Date): LinkCheck {
  const match = /^(\d{1,10})\.(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "invalid" };
  const payload = `${match[1]}.${match[2]}.${match[3]}`;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(match[4] ?? "");
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: "invalid" };
  const expiresAt = Number(match[3]) * 1000;
  if (expiresAt <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: { workspaceId: Number(match[1]), repId: Number(match[2]), expiresAt } };
}

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/**
 * How `/retention dashboard` links are made: locally the open page on loopback; with a chat
 * platform a signed personal link under PUBLIC_URL, or none when PUBLIC_URL is unset.
 */
export function dashboardLinks(options: {
  local: boolean;
  localUrl: string;
  publicUrl: string | undefined;
  secret: string;
}): (actor: { workspaceId: number; repId: number }, now: Date) => string | undefined {
  return (actor, now) => {
    if (options.local) return `${options.localUrl}/dashboard`;
    if (!options.publicUrl) return undefined;
    const token = signLink(options.secret, {
      workspaceId: actor.workspaceId,
      repId: actor.repId,
      expiresAt: now.getTime() + LINK_VALIDITY_MS,
    });
    return `${options.publicUrl.replace(/\/+$/, "")}/dashboard?t=${token}`;
  };
}
