// Entry point of the app's build: the styles and the app.

import "./style.css";
import { start } from "./app";

const root = document.getElementById("app");
if (root) void start(root);
