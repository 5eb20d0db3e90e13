import type { Deps } from "../deps.js";
import { enqueue } from "../jobs/enqueue.js";
import type { ClaimedJob } from "../jobs/job.js";
import { SEND_JOB_KIND } from "../messaging/queue-message.js";

/**
 * Moves a message's send to `until` without spending its attempts: this job ends and a new one, in the same
 * conversation queue and at the message's original place in it, runs then. Messages queued while the Page is
 * restricted are delayed this way, never given up on.
 */
export async function deferSend(
  deps: Pick<Deps, "db" | "clock">,
  job: ClaimedJob,
  message: { id: bigint; createdAt: Date },
  until: Date,
  why: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.$transaction(async (tx) => {
    await enqueue(
      tx,
      {
        kind: SEND_JOB_KIND,
        dedupeKey: `send:${message.id}:after:${until.getTime()}`,
        payload: { messageId: message.id.toString() },
        ...(job.queueKey ? { queueKey: job.queueKey } : {}),
        orderAt: message.createdAt,
        runAt: until,
        maxAttempts: job.maxAttempts,
      },
      now,
    );
    await tx.outboundMessage.updateMany({
      where: { id: message.id, status: "queued" },
      data: { lastError: `${why} Waiting until ${until.toISOString()}.`.slice(0, 500) },
    });
  });
}
