// Part of `npm run check`: every colour is a design token, written in src/tokens.css and nowhere
// else. Fails (and says where) on a hex colour, a colour function or a named colour in any other
// style sheet under src/, and on a hex colour or a colour function in the TypeScript.

import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

const UI = join(import.meta.dirname, "..");
const SRC = join(UI, "src");
const TOKENS = join(SRC, "tokens.css");

// The CSS named colours and the system colours; `transparent`, `currentColor` and `inherit` are allowed.
const NAMED = `aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown
burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod
darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue
firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew
hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray
lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid
mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen
paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue
saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen
accentcolor accentcolortext activetext buttonborder buttonface buttontext canvas canvastext field fieldtext graytext
highlight highlighttext linktext mark marktext selecteditem selecteditemtext visitedtext`.split(/\s+/);
const NAMED_RE = new RegExp(`(?<![\\w-])(${NAMED.join("|")})(?![\\w-])`, "i");
const HEX_RE = /#[0-9a-f]{3,8}(?![\w-])/i;
const FUNCTION_RE = /(?<![\w-])(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color|color-mix|light-dark)\(/i;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The line of `offset` in `text`. */
const lineOf = (text, offset) => text.slice(0, offset).split("\n").length;

/** Keeps the offsets: what is cut out is replaced with spaces (newlines kept). */
const blank = (s) => s.replace(/[^\n]/g, " ");

const problems = [];

function checkCss(file) {
  const text = readFileSync(file, "utf8");
  // Comments and quoted strings (font names) say nothing about colours.
  const css = text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/"[^"\n]*"|'[^'\n]*'/g, blank);
  // Declaration values only (`property: value;`), never selectors; custom property names blanked.
  for (const m of css.matchAll(/(?<=[{;\s])(-{0,2}[\w-]+)\s*:([^;{}]*)(?=[;}])/g)) {
    const value = m[2].replace(/--[\w-]+/g, blank);
    const hit = HEX_RE.exec(value) ?? FUNCTION_RE.exec(value) ?? NAMED_RE.exec(value);
    if (hit) problems.push(`${relative(UI, file)}:${lineOf(text, m.index)}: colour "${hit[0]}" in "${m[0].trim()}"`);
  }
}

function checkTs(file) {
  const text = readFileSync(file, "utf8");
  const code = text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/\/\/[^\n]*/g, blank);
  for (const m of code.matchAll(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g)) {
    const hit = HEX_RE.exec(m[0]) ?? FUNCTION_RE.exec(m[0]);
    if (hit) problems.push(`${relative(UI, file)}:${lineOf(text, m.index)}: colour "${hit[0]}" in ${m[0]}`);
  }
}

for (const file of files(SRC)) {
  if (file === TOKENS) continue;
  if (file.endsWith(".css")) checkCss(file);
  else if (file.endsWith(".ts")) checkTs(file);
}

if (problems.length > 0) {
  console.error(`Colours belong in src/tokens.css (as custom properties), not here:\n${problems.join("\n")}`);
  process.exit(1);
}
