// The test build: the real app behind a mocked IPC (harness/), into .harness/ for `npm test`.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  root: "harness",
  clearScreen: false,
  build: {
    outDir: "../.harness",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    minify: false,
  },
});
