import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { DbTx, PrismaClient } from "../db/open-database.js";
import type { TokenCipher } from "../lib/token-cipher.js";

/**
 * Shopify session storage on our Prisma client. Unlike the stock Prisma storage it keeps access and
 * refresh tokens encrypted at rest (AES-256-GCM), which the stock one does not.
 */
export class EncryptedPrismaSessionStorage implements SessionStorage {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cipher: TokenCipher,
  ) {}

  /** `db` lets the token refresh store the new pair inside the transaction that holds the session's row lock. */
  async storeSession(session: Session, db: PrismaClient | DbTx = this.prisma): Promise<boolean> {
    const data = {
      shop: session.shop,
      state: session.state,
      isOnline: session.isOnline,
      scope: session.scope ?? null,
      expires: session.expires ?? null,
      // No token (a refused one is forgotten) is stored as "": the sealed form of an empty string is shorter than
      // any ciphertext decrypt accepts, so the row could never be loaded again.
      accessToken: session.accessToken ? this.cipher.encrypt(session.accessToken) : "",
      refreshToken: session.refreshToken ? this.cipher.encrypt(session.refreshToken) : null,
      refreshTokenExpires: session.refreshTokenExpires ?? null,
      userId: session.onlineAccessInfo?.associated_user?.id
        ? BigInt(session.onlineAccessInfo.associated_user.id)
        : null,
      onlineAccessInfo: session.onlineAccessInfo ? JSON.parse(JSON.stringify(session.onlineAccessInfo)) : undefined,
    };
    await db.session.upsert({ where: { id: session.id }, create: { id: session.id, ...data }, update: data });
    return true;
  }

  async loadSession(id: string, db: PrismaClient | DbTx = this.prisma): Promise<Session | undefined> {
    const row = await db.session.findUnique({ where: { id } });
    return row ? this.toSession(row) : undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    await this.prisma.session.deleteMany({ where: { id } });
    return true;
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    await this.prisma.session.deleteMany({ where: { id: { in: ids } } });
    return true;
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const rows = await this.prisma.session.findMany({ where: { shop }, take: 25, orderBy: { updatedAt: "desc" } });
    return rows.map((row) => this.toSession(row));
  }

  private toSession(row: Awaited<ReturnType<PrismaClient["session"]["findFirstOrThrow"]>>): Session {
    const session = new Session({ id: row.id, shop: row.shop, state: row.state, isOnline: row.isOnline });
    if (row.scope) session.scope = row.scope;
    if (row.expires) session.expires = row.expires;
    if (row.accessToken) session.accessToken = this.cipher.decrypt(row.accessToken);
    if (row.refreshToken) session.refreshToken = this.cipher.decrypt(row.refreshToken);
    if (row.refreshTokenExpires) session.refreshTokenExpires = row.refreshTokenExpires;
    if (row.onlineAccessInfo) session.onlineAccessInfo = row.onlineAccessInfo as unknown as Session["onlineAccessInfo"];
    return session;
  }
}
