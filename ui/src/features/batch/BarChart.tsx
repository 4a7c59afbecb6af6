// A bar chart drawn by Chart.js on its own <canvas> (no DOM per bar, no injected styles, so the
// CSP holds). Animations are off: a chart is drawn once per result.
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface Bars {
  labels: string[];
  values: number[];
  colours?: string[];
}

export function BarChart({ id, title, bars, horizontal = false, height = 180 }: { id: string; title: string; bars: Bars; horizontal?: boolean; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: bars.labels, datasets: [{ label: title, data: bars.values, backgroundColor: bars.colours ?? '#3b82f6', borderWidth: 0 }] },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { tooltip: { enabled: true } },
        scales: { x: { ticks: { autoSkip: !horizontal, maxRotation: 45, font: { size: 10 } } }, y: { ticks: { font: { size: 10 } } } },
      },
    });
    return () => chart.destroy();
  }, [bars, title, horizontal]);
  return (
    <figure className="chart" id={id} data-bars={bars.values.length} aria-label={title}>
      <figcaption>{title}</figcaption>
      <div className="chart-box" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={`${title}: ${bars.labels.map((l, i) => `${l} ${bars.values[i]}`).join(', ')}`} />
      </div>
    </figure>
  );
}
