import { RULES, type RuleId } from "./rules.js";
import type { SendAllowed, SendSkipped, SkipCode, Transport } from "./send-request.js";

/** A send decision carrying the rule's doc link, so every outcome can be traced back to Meta's page. */
export function allow(rule: RuleId, transport: Transport, reason: string): SendAllowed {
  return { action: "send", transport, rule, reason, docUrl: RULES[rule].docUrl };
}

/** A skip decision with a stable code for storage and a reason a merchant can read. */
export function skip(rule: RuleId, code: SkipCode, reason: string): SendSkipped {
  return { action: "skip", code, rule, reason, docUrl: RULES[rule].docUrl };
}
