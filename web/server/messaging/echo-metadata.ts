/**
 * Our outbound messages carry `metadata = "mc:<outbound message id>"`; Meta returns it in the
 * message_echoes webhook. After a send call that timed out, the echo tells us the message did go out,
 * so the retry is skipped instead of sending it twice.
 */
const PREFIX = "mc:";

export function echoMetadata(messageId: bigint): string {
  return `${PREFIX}${messageId}`;
}

export function messageIdFromEcho(metadata: string | null | undefined): bigint | undefined {
  if (!metadata?.startsWith(PREFIX)) return undefined;
  const digits = metadata.slice(PREFIX.length);
  return /^[1-9][0-9]{0,18}$/.test(digits) ? BigInt(digits) : undefined;
}
