import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../ipc/bindings';
import { cellAt, findingsAt, hhmm, matchZones, minutesOf, periodOfCells, spanOf, statusChoices, withoutStatus } from './week';

const schedule = (): Schedule => ({
  id: 'h',
  name: 'H',
  time_zone: 'UTC',
  default_status: 'Closed',
  custom_statuses: ['Lunch', ''],
  week: [{ day: 'Mon', periods: [{ start: '12:00', end: '13:00', status: 'Lunch' }] }],
  holidays: [{ date: '2026-12-25', name: 'X', status: 'Lunch', periods: [] }],
});

describe('times of day', () => {
  it('reads HH:MM with 24:00 as the end of the day and refuses the rest', () => {
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('24:00')).toBe(1440);
    expect(minutesOf('24:30')).toBeNull();
    expect(minutesOf('9:30')).toBeNull();
    expect(hhmm(1440)).toBe('24:00');
    expect(hhmm(545)).toBe('09:05');
  });
});

describe('the week grid', () => {
  it('draws a period from the cells dragged over, in either direction', () => {
    expect(periodOfCells(18, 33, 'Open')).toEqual({ start: '09:00', end: '17:00', status: 'Open' });
    expect(periodOfCells(33, 18, 'Open')).toEqual({ start: '09:00', end: '17:00', status: 'Open' });
    expect(periodOfCells(47, 60, 'Open').end).toBe('24:00');
  });
  it('finds the cell under the pointer and clamps at the edges', () => {
    expect(cellAt(0, 960)).toBe(0);
    expect(cellAt(9 * 40 + 1, 960)).toBe(18);
    expect(cellAt(2000, 960)).toBe(47);
    expect(cellAt(-5, 960)).toBe(0);
  });
  it('places a period as fractions of the day, and not one that ends before it starts', () => {
    expect(spanOf({ start: '06:00', end: '12:00', status: 'Open' })).toEqual({ left: 0.25, width: 0.25 });
    expect(spanOf({ start: '12:00', end: '06:00', status: 'Open' })).toBeNull();
  });
});

describe('statuses and findings', () => {
  it('offers Open, Closed and the named custom statuses', () => {
    expect(statusChoices(schedule())).toEqual(['Open', 'Closed', 'Lunch']);
  });
  it('clears a removed status where it was used', () => {
    const s = withoutStatus(schedule(), 0);
    expect(s.custom_statuses).toEqual(['']);
    expect(s.week[0].periods[0].status).toBe('');
    expect(s.holidays[0].status).toBe('');
  });
  it('puts a finding beside its field and not beside a longer index', () => {
    const f = (path: string) => ({ code: 'c', path, message: path });
    const all = [f('week.Tue[1].end'), f('week.Tue[10]'), f('week.Tue[1]'), f('holidays[0]')];
    expect(findingsAt(all, 'week.Tue[1]').map((x) => x.path)).toEqual(['week.Tue[1].end', 'week.Tue[1]']);
    expect(findingsAt(all, 'week.Tue').length).toBe(3);
  });
  it('searches time zones by any part of the name', () => {
    const zones = ['America/New_York', 'Europe/London', 'Europe/Paris', 'Asia/Tokyo'];
    expect(matchZones(zones, 'lond')).toEqual(['Europe/London']);
    expect(matchZones(zones, 'new york')).toEqual(['America/New_York']);
    expect(matchZones(zones, 'europe')).toEqual(['Europe/London', 'Europe/Paris']);
  });
});
