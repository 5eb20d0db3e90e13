import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The embedded admin. No React plugin: Vite 8 compiles TSX with its built-in Oxc transform (automatic
 * runtime), which is all a production build needs. Built to web/frontend/dist, served by web/server/admin-ui.
 */
export default defineConfig({
  root,
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  logLevel: "warn",
});
