// ESLint flat config: Next.js's own rules (core web vitals, React, hooks, accessibility) and its
// TypeScript rules. `npm run lint`; npm test fails on any error.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // A leading underscore marks a value kept for its position (an action's previous state) or left out of a rest.
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // lib/ is the ground floor: it never imports the routes, the UI, the product commands or the tools.
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(@/(app|components|bin|scripts)(/|$)|(\\.\\./)+(app|components|bin|scripts)(/|$))",
              message: "lib/ never imports app/, components/, bin/ or scripts/ (README, Architecture).",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call their continuation `use`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "lib/generated/**",
    "test-results/**",
    "playwright-report/**",
    "data/**",
    "next-env.d.ts",
  ]),
]);
