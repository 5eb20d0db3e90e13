import type { MetaEmulator } from "../../emulators/meta/index.js";
import type { Deps } from "../../web/server/deps.js";

/**
 * A data folder from before the emulator kept its snapshot has conversations whose PSIDs a fresh emulator
 * would hand out again, to a different guest, who would then be taken for the customer linked to it. The
 * emulator's PSIDs are "9" + its counter, so the counter moves past every PSID the app already knows.
 */
export async function keepPsidsUnique(deps: Pick<Deps, "db">, meta: MetaEmulator): Promise<void> {
  const known = await deps.db.conversation.findMany({ select: { psid: true } });
  for (const { psid } of known) {
    const n = /^9(\d{1,15})$/.exec(psid)?.[1];
    if (n !== undefined) meta.state.seq = Math.max(meta.state.seq, Number(n));
  }
}
