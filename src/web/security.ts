/**
 * What every page gets: security headers (helmet: a strict content security policy, no framing,
 * no sniffing) and a same-origin check on every request that changes data.
 */
import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyRequest } from "fastify";

export async function secure(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Local mode is plain http on loopback: nothing to upgrade.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("preHandler", async (request, reply) => {
    if (request.method === "GET" || request.method === "HEAD") return;
    if (!isSameOrigin(request)) {
      return reply.code(403).send({ error: "cross-site request refused", code: "FORBIDDEN_ORIGIN" });
    }
  });
}

/**
 * True when the request comes from a page of this server: its Origin (or, without one, its
 * Referer) has the request's own host. A request with neither (curl) is refused too.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const host = request.headers.host;
  const origin = request.headers.origin ?? request.headers.referer;
  if (!host || !origin || origin === "null") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
