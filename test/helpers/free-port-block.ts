import { createServer } from "node:net";

/**
 * A storefront port whose next four ports are free too. Both starts use it, as `npm run sandbox` uses 8080
 * every time: the app's URL stays the same across a restart, as a person's does.
 */
export async function freePortBlock(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    let ok = true;
    for (let i = 0; i <= 4 && ok; i++) ok = await free(base + i);
    if (ok) return base;
  }
  throw new Error("no block of 5 free ports");
}
