/** Polls `check` every `intervalMs` until it returns a truthy value or `timeoutMs` passes (then undefined). */
export async function pollUntil<T>(
  check: () => Promise<T> | T,
  options: { timeoutMs: number; intervalMs?: number },
): Promise<NonNullable<T> | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
