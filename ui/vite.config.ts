// The app's build: ui/dist/, loaded by the Tauri shell (src-tauri/tauri.conf.json).
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  clearScreen: false,
  server: { host: "127.0.0.1", port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The polyfill would add code for browsers the Tauri webviews are not.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
