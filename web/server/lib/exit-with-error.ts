/**
 * Ends a command-line entry point on an error. Errors an operator can fix (bad config, a busy data folder,
 * a wrong command) print their message alone and exit 2; anything else prints the stack and exits 1.
 */
export function exitWithError(
  error: unknown,
  operatorErrors: ReadonlyArray<abstract new (...args: never[]) => Error>,
): never {
  if (operatorErrors.some((kind) => error instanceof kind)) {
    console.error((error as Error).message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
}
