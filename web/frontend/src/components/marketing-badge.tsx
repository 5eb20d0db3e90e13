import { Badge } from "@shopify/polaris";
import type { MarketingStatus } from "../../../shared/admin-dto.js";

const LOOK: Record<MarketingStatus, { tone?: "success" | "warning"; label: string }> = {
  subscribed: { tone: "success", label: "Subscribed" },
  stopped: { tone: "warning", label: "Stopped" },
  none: { label: "Not opted in" },
};

/** A shopper's marketing consent, the same look everywhere in the admin. */
export function MarketingBadge({ status }: { status: MarketingStatus }) {
  const look = LOOK[status];
  return look.tone ? <Badge tone={look.tone}>{look.label}</Badge> : <Badge>{look.label}</Badge>;
}
