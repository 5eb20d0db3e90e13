import type { PGlite, Transaction } from "@electric-sql/pglite";
import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * PGlite runs each statement synchronously inside this process and resolves its promise at once, so a job
 * that issues dozens of statements (and Prisma's query compilation between them) runs as one unbroken chain
 * of microtasks: the event loop gets no turn, and HTTP requests wait. Under an order burst that starved
 * webhook acknowledgements for seconds (BENCHMARKS.md, order-burst). Giving the event loop one turn before
 * each statement lets sockets be read and answered between statements; it costs a few microseconds each.
 */
export function yieldingPGlite(pglite: PGlite): PGlite {
  const wrapQueries = <T extends PGlite | Transaction>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver) as unknown;
        if (key === "query" && typeof value === "function") {
          return async (...args: unknown[]) => {
            await nextTurn();
            return (value as (...a: unknown[]) => unknown).apply(object, args);
          };
        }
        if (key === "transaction" && typeof value === "function") {
          return (callback: (tx: Transaction) => Promise<unknown>) =>
            (value as PGlite["transaction"]).call(object, (tx) => callback(wrapQueries(tx)));
        }
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(object) : value;
      },
    });
  return wrapQueries(pglite);
}
