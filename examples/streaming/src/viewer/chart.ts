/**
 * A small SVG line chart, by hand: TFuel promised and the pool's remaining fund on the left axis
 * (TFuel), bytes received on the right axis (KiB), one point per chunk.
 */

const NS = "http://www.w3.org/2000/svg";
const W = 640;
const H = 280;
const PAD = { left: 64, right: 64, top: 30, bottom: 56 };

export interface Series {
  readonly label: string;
  readonly color: string;
  readonly values: readonly number[];
  readonly axis: "left" | "right";
  /** Drawn dashed (so a line under it stays visible). */
  readonly dashed?: boolean;
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  text?: string,
) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const fmt = (v: number) => (v === 0 ? "0" : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(4));

/** Redraws `svg` with the series (every series has one value per point). */
export function drawChart(
  svg: SVGSVGElement,
  series: readonly Series[],
  axisLabels: { left: string; right: string },
): void {
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const n = Math.max(2, ...series.map((s) => s.values.length));
  const max = (axis: "left" | "right") =>
    Math.max(1e-9, ...series.filter((s) => s.axis === axis).flatMap((s) => s.values));
  const top = { left: max("left"), right: max("right") };
  const x = (i: number) => PAD.left + (i / (n - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number, axis: "left" | "right") =>
    H - PAD.bottom - (v / top[axis]) * (H - PAD.top - PAD.bottom);

  svg.append(el("rect", { x: 0, y: 0, width: W, height: H, fill: "#fff" }));
  for (let t = 0; t <= 4; t++) {
    const yy = PAD.top + (t / 4) * (H - PAD.top - PAD.bottom);
    svg.append(el("line", { x1: PAD.left, x2: W - PAD.right, y1: yy, y2: yy, stroke: "#e3e3e3" }));
    const frac = 1 - t / 4;
    svg.append(
      el(
        "text",
        { x: PAD.left - 6, y: yy + 4, "text-anchor": "end", "font-size": 11, fill: "#555" },
        fmt(top.left * frac),
      ),
    );
    svg.append(
      el("text", { x: W - PAD.right + 6, y: yy + 4, "font-size": 11, fill: "#555" }, fmt(top.right * frac)),
    );
  }
  svg.append(el("text", { x: 8, y: PAD.top - 14, "font-size": 11, fill: "#333" }, axisLabels.left));
  svg.append(
    el(
      "text",
      { x: W - 8, y: PAD.top - 14, "font-size": 11, fill: "#333", "text-anchor": "end" },
      axisLabels.right,
    ),
  );
  svg.append(
    el(
      "text",
      { x: W / 2, y: H - PAD.bottom + 18, "font-size": 11, fill: "#333", "text-anchor": "middle" },
      "chunks received",
    ),
  );

  series.forEach((s, k) => {
    if (s.values.length > 0) {
      const d = s.values
        .map((v, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(v, s.axis).toFixed(1)}`)
        .join(" ");
      svg.append(
        el("path", {
          d,
          fill: "none",
          stroke: s.color,
          "stroke-width": 2.5,
          ...(s.dashed ? { "stroke-dasharray": "7 5" } : {}),
        }),
      );
      s.values.forEach((v, i) => {
        svg.append(el("circle", { cx: x(i), cy: y(v, s.axis), r: 2.5, fill: s.color }));
      });
    }
    const lx = PAD.left + k * 180;
    svg.append(el("rect", { x: lx, y: H - 16, width: 12, height: 4, fill: s.color }));
    svg.append(el("text", { x: lx + 16, y: H - 10, "font-size": 11, fill: "#333" }, s.label));
  });
}
