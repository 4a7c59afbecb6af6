// The week grid: seven day rows of 48 half-hour cells. Dragging across a row draws a period
// with the chosen status; clicking a period selects it for the fields below.
import { useEffect, useRef, useState } from 'react';
import type { Schedule, ScheduleFinding } from '../../ipc/bindings';
import { cellAt, DAY_NAMES, findingsAt, periodOfCells, spanOf } from './week';

export interface PeriodRef {
  day: string;
  index: number;
}

/** A colour per status: Open green, Closed grey, custom statuses from a small palette; each
 *  dark enough for the white period label on it (WCAG AA, contrast 4.5:1 or more). */
export function statusColour(status: string, choices: string[]): string {
  if (status === 'Open') return '#15803d';
  if (status === 'Closed') return '#5b6472';
  const palette = ['#a16207', '#6d28d9', '#b91c1c', '#0369a1', '#a21caf', '#0f766e'];
  const i = choices.indexOf(status);
  return i < 0 ? '#5b6472' : palette[(i - 2 + palette.length) % palette.length];
}

export function WeekGrid({
  schedule,
  findings,
  brush,
  choices,
  selected,
  onDraw,
  onSelect,
}: {
  schedule: Schedule;
  findings: ScheduleFinding[];
  brush: string;
  choices: string[];
  selected: PeriodRef | null;
  onDraw(day: string, from: number, to: number): void;
  onSelect(ref: PeriodRef | null): void;
}) {
  const [drag, setDrag] = useState<{ day: string; from: number; to: number; width: number; left: number } | null>(null);
  const dragRef = useRef(drag);
  dragRef.current = drag;

  // The drag follows the mouse anywhere in the window and ends where it is released.
  useEffect(() => {
    if (!drag) return;
    const move = (e: MouseEvent) => {
      const d = dragRef.current;
      if (d) setDrag({ ...d, to: cellAt(e.clientX - d.left, d.width) });
    };
    const up = (e: MouseEvent) => {
      const d = dragRef.current;
      setDrag(null);
      if (d) onDraw(d.day, d.from, cellAt(e.clientX - d.left, d.width));
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
  }, [drag !== null, onDraw]); // eslint-disable-line react-hooks/exhaustive-deps

  const hours = Array.from({ length: 25 }, (_, h) => h);
  return (
    <div className="week-grid" id="schedule-week" aria-label="Week: drag across a day to draw a period">
      <div className="week-hours" aria-hidden="true">
        <span className="week-day-label" />
        <div className="week-hour-scale">
          {hours.map((h) => (
            <span key={h} style={{ left: `${(h / 24) * 100}%` }}>
              {h % 3 === 0 ? String(h).padStart(2, '0') : ''}
            </span>
          ))}
        </div>
      </div>
      {schedule.week.map((d) => {
        const dayFindings = findingsAt(findings, `week.${d.day}`);
        return (
          <div className="week-row" key={d.day}>
            <span className={`week-day-label${dayFindings.length ? ' week-day-label--bad' : ''}`}>{DAY_NAMES[d.day]}</span>
            <div
              className="week-cells"
              data-day={d.day}
              onMouseDown={(e) => {
                if (e.button !== 0 || (e.target as HTMLElement).closest('.week-period')) return;
                e.preventDefault();
                const box = e.currentTarget.getBoundingClientRect();
                const cell = cellAt(e.clientX - box.left, box.width);
                setDrag({ day: d.day, from: cell, to: cell, width: box.width, left: box.left });
                onSelect(null);
              }}
            >
              {d.periods.map((p, i) => {
                const span = spanOf(p);
                if (!span) return null;
                const bad = findingsAt(findings, `week.${d.day}[${i}]`).length > 0;
                const isSelected = selected?.day === d.day && selected.index === i;
                return (
                  <button
                    key={i}
                    type="button"
                    className={`week-period${isSelected ? ' week-period--selected' : ''}${bad ? ' week-period--bad' : ''}`}
                    data-day={d.day}
                    data-index={i}
                    style={{ left: `${span.left * 100}%`, width: `${span.width * 100}%`, background: statusColour(p.status, choices) }}
                    title={`${DAY_NAMES[d.day]} · Period ${i + 1}: ${p.start}–${p.end} ${p.status || '(no status)'}`}
                    onClick={() => onSelect({ day: d.day, index: i })}
                  >
                    {p.status || '?'} {p.start}–{p.end}
                  </button>
                );
              })}
              {drag && drag.day === d.day && (
                <div
                  className="week-drawing"
                  style={{
                    left: `${(Math.min(drag.from, drag.to) / 48) * 100}%`,
                    width: `${((Math.abs(drag.to - drag.from) + 1) / 48) * 100}%`,
                    background: statusColour(brush, choices),
                  }}
                >
                  {periodOfCells(drag.from, drag.to, brush).start}–{periodOfCells(drag.from, drag.to, brush).end}
                </div>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
