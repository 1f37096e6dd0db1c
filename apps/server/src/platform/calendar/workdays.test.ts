import { describe, expect, it } from 'vitest';
import { addWorkdaysWith, chinaDay, endOfChinaDay, isWorkday, workdaysBetweenWith } from './workdays';

const none = new Map<string, boolean>();
const at = (iso: string) => new Date(iso);

describe('working-day calendar', () => {
  it('counts days in China time, not UTC', () => {
    // 2026-11-20 23:30 UTC is already Saturday morning in Shanghai
    expect(chinaDay(at('2026-11-20T23:30:00Z'))).toBe('2026-11-21');
    expect(endOfChinaDay('2026-11-23').toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });

  it('skips weekends: 3 working days from a Thursday end on Tuesday 24:00', () => {
    const due = addWorkdaysWith(at('2026-11-19T02:00:00Z'), 3, none); // Thu 10:00 China time
    expect(chinaDay(new Date(due.getTime() - 1))).toBe('2026-11-24');
  });

  it('a submission on Saturday starts counting on Monday', () => {
    const due = addWorkdaysWith(at('2026-11-21T04:00:00Z'), 1, none);
    expect(chinaDay(new Date(due.getTime() - 1))).toBe('2026-11-23');
  });

  it('statutory holidays are skipped and make-up Saturdays count (国庆 2026)', () => {
    const overrides = new Map<string, boolean>([
      ['2026-10-01', false], ['2026-10-02', false], ['2026-10-05', false], ['2026-10-06', false], ['2026-10-07', false],
      ['2026-10-10', true], // 调休上班 (Saturday)
    ]);
    expect(isWorkday('2026-10-10', overrides)).toBe(true);
    expect(isWorkday('2026-10-05', overrides)).toBe(false);
    // submitted 30 Sep: 1 Oct–7 Oct are off, 8 Oct (Thu) and 9 Oct (Fri), then the make-up Saturday 10 Oct
    const due = addWorkdaysWith(at('2026-09-30T03:00:00Z'), 3, overrides);
    expect(chinaDay(new Date(due.getTime() - 1))).toBe('2026-10-10');
  });

  it('counts working days between two moments', () => {
    expect(workdaysBetweenWith(at('2026-11-20T02:00:00Z'), at('2026-11-25T02:00:00Z'), none)).toBe(3); // Mon, Tue, Wed
  });
});
