// Entry point of the app's build: the design tokens and the page's base styles first (every
// module's own styles come after them, in import order), then the app.

import "./tokens.css";
import "./page.css";
import { start } from "./app";

const root = document.getElementById("app");
if (root) void start(root);
