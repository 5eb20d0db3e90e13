// Child process for the data-dir lock test: opens the embedded database, commits one row, says so on
// stdout, and then holds the folder until it is killed.
import { openDatabase } from "../../../../web/server/db/open-database.js";

const [dataDir, domain] = process.argv.slice(2);
if (!dataDir || !domain) throw new Error("usage: hold-data-dir <dataDir> <shop domain>");
const db = await openDatabase({ kind: "pglite", dataDir });
await db.migrate();
await db.prisma.shop.create({ data: { domain } });
process.stdout.write(`committed ${process.pid}\n`);
setInterval(() => undefined, 60_000);
