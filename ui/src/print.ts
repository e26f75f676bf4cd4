// «In hướng dẫn», «In kết quả» and «In danh sách»: a button that prints a slip on the counter's
// printer, with the line that says it came out. Absent where no printer is configured; a
// printer's failure shows in the screen's alert slot and leaves the screen as it was.

import type { Ctx } from "./context";
import type { SlipChoice } from "./contract";
import { h } from "./dom";
import { tr } from "./i18n";
import { call } from "./ipc";
import { button } from "./ui";
import "./print.css";

export function printButton(ctx: Ctx, id: string, label: string, choice: () => SlipChoice): HTMLElement | null {
  if (!ctx.info.can_print) return null;
  const t = tr();
  const said = h("p", { class: "printed", role: "status", id: `${id}-status` });
  const press = button(label, {
    id,
    kind: "secondary",
    icon: "printer",
    onClick: (btn) => {
      said.textContent = "";
      ctx.act(btn, t.busyPrint, async () => {
        await call("print_slip", { slip: choice() });
        said.textContent = t.printed;
      });
    },
  });
  return h("div", { class: "print" }, press, said);
}
