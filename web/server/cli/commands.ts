import { z } from "zod";
import type { Deps } from "../deps.js";
import { Session } from "@shopify/shopify-api";
import { connectPage as connectPageService, PageConnectError } from "../pages/connect-page.js";
import { SCOPES } from "../shopify/shopify-app.js";
import { recordShopAuthorized } from "../shopify/shop-installation.js";

/** Operator commands. The same functions run in-process (CLI) or inside the server (control socket). */
const shopDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be a *.myshopify.com domain");

const schemas = {
  "db:migrate": z.object({}),
  "shop:install": z.object({
    shop: shopDomain,
    "access-token": z.string().min(1, "is required"),
    // An expiring offline token as token exchange returns it: refresh token and the access token's lifetime.
    "refresh-token": z.string().min(1).optional(),
    "expires-in": z.coerce.number().int().min(1).max(86_400).optional(),
    scope: z.string().optional(),
    locale: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/)
      .optional(),
  }),
  "page:connect": z.object({
    shop: shopDomain,
    "page-id": z.string().regex(/^\d{1,20}$/, "must be a numeric Page id"),
    "page-token": z.string().min(1, "is required"),
  }),
} as const;

export type CommandName = keyof typeof schemas;
export const COMMANDS = Object.keys(schemas) as CommandName[];

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandError";
  }
}

export function parseCommand(
  name: string,
  args: Record<string, string | boolean>,
): { name: CommandName; args: Record<string, unknown> } {
  if (!(name in schemas)) throw new CommandError(`unknown command "${name}". Commands: ${COMMANDS.join(", ")}`);
  const parsed = schemas[name as CommandName].safeParse(args);
  if (!parsed.success) {
    throw new CommandError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  return { name: name as CommandName, args: parsed.data };
}

export async function runCommand(
  deps: Deps,
  name: CommandName,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  switch (name) {
    case "db:migrate":
      return { ...(await deps.database.migrate()) };
    case "shop:install":
      return installShop(deps, args as z.infer<(typeof schemas)["shop:install"]>);
    case "page:connect":
      return connectPage(deps, args as z.infer<(typeof schemas)["page:connect"]>);
  }
}

/**
 * Stores an offline session as token exchange would (with --refresh-token and --expires-in: an expiring one),
 * then does what the afterAuth hook does: the shop row, and a job that reads the shop's name from the Admin API.
 */
async function installShop(deps: Deps, args: z.infer<(typeof schemas)["shop:install"]>) {
  const session = new Session({
    id: deps.shopify.api.session.getOfflineId(args.shop),
    shop: args.shop,
    state: "cli",
    isOnline: false,
    scope: args.scope ?? SCOPES.join(","),
    accessToken: args["access-token"],
  });
  if (args["refresh-token"]) session.refreshToken = args["refresh-token"];
  if (args["expires-in"]) session.expires = new Date(deps.clock.now().getTime() + args["expires-in"] * 1000);
  await deps.sessionStorage.storeSession(session);
  const shop = await recordShopAuthorized(deps, args.shop, args.locale ? { locale: args.locale } : {});
  return { shop: args.shop, shopId: shop.shopId, session: session.id };
}

/**
 * Connects a Page as Facebook Login for Business would: verifies the token against Graph, reads the Page's name
 * and username from Graph, subscribes the app to the Page's webhooks, sets the Messenger Profile and stores the
 * token encrypted (pages/connect-page.ts); a job then writes the bubble's metafield.
 */
async function connectPage(deps: Deps, args: z.infer<(typeof schemas)["page:connect"]>) {
  try {
    const page = await connectPageService(deps, {
      shopDomain: args.shop,
      pageId: args["page-id"],
      pageToken: args["page-token"],
    });
    return { shop: page.shop, pageId: page.pageId, status: page.status };
  } catch (error) {
    if (error instanceof PageConnectError)
      throw new CommandError(`page:connect refused (${error.reason}): ${error.message}`);
    throw error;
  }
}
