/**
 * Working days of the synthetic timeline, in UTC. Stories place themselves at a fraction of the
 * timeline (0 = first morning, 1 = last evening), so their order holds for any message count.
 */

/** Monday 6 January 2025, 00:00 UTC: a fixed start keeps the output identical run to run. */
export const TimelineStartMs = Date.UTC(2025, 0, 6);

const DAY_MS = 86_400_000;
const WORKDAY_START_MS = 8 * 3_600_000;
const WORKDAY_LENGTH_MS = 10 * 3_600_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export class Calendar {
  constructor(
    /** Working days the timeline spans. */
    readonly days: number,
  ) {}

  /** Midnight UTC of the n-th working day (n may run past the timeline, for plans and deadlines). */
  workday(n: number): number {
    const weeks = Math.floor(n / 5);
    return TimelineStartMs + (weeks * 7 + (n % 5)) * DAY_MS;
  }

  /** A moment during working hours at `fraction` of the timeline. */
  at(fraction: number): number {
    const position = Math.min(Math.max(fraction, 0), 0.999999) * this.days;
    const day = Math.floor(position);
    return this.workday(day) + WORKDAY_START_MS + (position - day) * WORKDAY_LENGTH_MS;
  }

  /** The working day index at `fraction` of the timeline. */
  dayAt(fraction: number): number {
    return Math.floor(Math.min(Math.max(fraction, 0), 0.999999) * this.days);
  }
}

/** "Wednesday 19 March". */
export function longDate(ms: number): string {
  const date = new Date(ms);
  return `${WEEKDAYS[date.getUTCDay()]} ${shortDate(ms)}`;
}

/** "19 March": the form ground-truth keywords use. */
export function shortDate(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}

export function monthName(ms: number): string {
  return MONTHS[new Date(ms).getUTCMonth()];
}

/** "2025-03-19": the day file a message at `ms` lands in. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
