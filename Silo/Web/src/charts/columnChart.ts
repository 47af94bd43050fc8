// uPlot in its own chunk, loaded by the SQL page when a result is charted: one numeric column against the
// rows' order (or a time column), as a line or as bars.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export function columnChart(element: HTMLElement, xs: number[], ys: (number | null)[], label: string, bars: boolean, timeAxis: boolean): uPlot {
  const dark = matchMedia("(prefers-color-scheme: dark)").matches;
  const axis = { stroke: dark ? "#c8c8cc" : "#333", grid: { stroke: dark ? "#333" : "#e5e5e5" } };
  return new uPlot(
    {
      width: Math.max(280, element.clientWidth || 600),
      height: 260,
      // Bars stand on zero and the first and last keep their whole width.
      scales: {
        x: { time: timeAxis, range: (_, min, max) => (bars && !timeAxis ? [min - 0.5, max + 0.5] : [min, max]) },
        y: { range: (_, min, max) => [Math.min(0, min), Math.max(0, max) * 1.05 || 1] },
      },
      series: [{}, {
        label, stroke: "#1c7ed6", fill: "rgba(28,126,214,.2)",
        paths: bars ? uPlot.paths.bars!({ size: [0.7, 60] }) : undefined,
      }],
      axes: [axis, axis],
    },
    [xs, ys],
    element,
  );
}
