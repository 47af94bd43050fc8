// uPlot in its own chunk, loaded by the stats page only.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export function dailyChart(element: HTMLElement, days: { date: string; value: number | null }[], label: string): uPlot {
  const xs = days.map((d) => Date.parse(`${d.date}T12:00:00Z`) / 1000);
  const ys = days.map((d) => d.value);
  const dark = matchMedia("(prefers-color-scheme: dark)").matches;
  const axis = { stroke: dark ? "#c8c8cc" : "#333", grid: { stroke: dark ? "#333" : "#e5e5e5" } };
  return new uPlot(
    {
      width: Math.max(280, element.clientWidth || 600),
      height: 300,
      series: [{}, { label, stroke: "#d9480f", fill: "rgba(217,72,15,.15)", spanGaps: false }],
      axes: [axis, axis],
    },
    [xs, ys],
    element,
  );
}
