// Lint for the UI: typed rules on the TypeScript, plain rules on the Node test files.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["dist/", ".harness/", ".test-build/", "node_modules/"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [...tseslint.configs.strictTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.browser,
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // Commands reject with the contract's `{ code, message }` (IpcError), and so do our own throws.
      "@typescript-eslint/only-throw-error": [
        "error",
        {
          allow: [
            { from: "file", name: "IpcError", path: "src/contract.ts" },
            { from: "file", name: "Failure", path: "src/actions.ts" },
          ],
        },
      ],
      // Every case of a union is written out: a `default:` must not hide a kind added later (a new
      // route, phase or error code), and a switch over anything else needs one.
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        {
          considerDefaultExhaustiveForUnions: false,
          allowDefaultCaseForExhaustiveSwitch: false,
          requireDefaultForNonUnion: true,
        },
      ],
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Build DOM with createElement (CSP, no markup from data)." },
        { property: "outerHTML", message: "Build DOM with createElement (CSP, no markup from data)." },
        { property: "insertAdjacentHTML", message: "Build DOM with createElement (CSP, no markup from data)." },
      ],
    },
  },
  {
    files: ["**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["test/**/*.mjs"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
