import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "web/server/db/generated/",
      "web/frontend/dist/",
      "dist/",
      ".data*/",
      "extensions/**/assets/*.js",
      "test-results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through web/server/config.ts only.",
        },
      ],
    },
  },
  {
    files: ["web/server/policy/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["**/db/**", "express", "node:http", "**/generated/**", "pg", "@prisma/*"] },
      ],
    },
  },
  {
    files: ["web/frontend/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: ["**/server/**"] }] },
  },
  {
    files: ["**/*.mjs", "scripts/**"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    files: [
      "web/server/config.ts",
      "web/server/cli/main.ts",
      "scripts/**",
      "test/**",
      "bench/**",
      "sandbox/**",
      "*.config.ts",
      "*.config.js",
      "emulators/**",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
);
