// A line chart drawn by Chart.js on its own <canvas> (no DOM per point, no injected styles, so
// the CSP holds). Animations are off: a chart is drawn once per result.
import { useEffect, useRef } from 'react';
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { Lines } from './day';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export function LineChart({ id, title, lines, height = 170, unit = '' }: { id: string; title: string; lines: Lines; height?: number; unit?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: lines.labels,
        datasets: lines.series.map((s) => ({
          label: s.label,
          data: s.values,
          borderColor: s.colour,
          backgroundColor: s.colour,
          borderDash: s.dashed ? [5, 4] : [],
          borderWidth: 2,
          pointRadius: 0,
          spanGaps: false,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { labels: { boxWidth: 12, font: { size: 10 } } }, tooltip: { enabled: true } },
        scales: { x: { ticks: { autoSkip: true, maxRotation: 0, font: { size: 10 } } }, y: { beginAtZero: true, ticks: { font: { size: 10 } }, title: { display: unit !== '', text: unit } } },
      },
    });
    return () => chart.destroy();
  }, [lines, unit]);
  const summary = lines.series.map((s) => `${s.label}: ${lines.labels.map((l, i) => `${l} ${s.values[i] ?? '–'}`).join(', ')}`).join('; ');
  return (
    <figure className="chart" id={id} data-series={lines.series.length} data-points={lines.labels.length} aria-label={title}>
      <figcaption>{title}</figcaption>
      <div className="chart-box" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={`${title}. ${summary}`} />
      </div>
    </figure>
  );
}
