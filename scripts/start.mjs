// `npm start`: the production server, from compiled JavaScript (dist/), built first when missing or stale.
import { pathToFileURL } from "node:url";
import { ensureServerBuild } from "./server-build.mjs";

process.setSourceMapsEnabled(true);
const { main } = ensureServerBuild();
await import(pathToFileURL(main).href);
