// Dates and hours where a person is, by their IANA time zone (UTC when they chose none, or an unknown one).

/** The date at `moment` where the person is (UTC when they chose no time zone, or an unknown one). */
export function localDate(moment: Date, timeZone: string | null): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: timeZone ?? 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(moment)
  } catch {
    return moment.toISOString().slice(0, 10)
  }
}

/** The hour of the day at `moment` where the person is (UTC for none or an unknown zone). */
export function localHour(moment: Date, timeZone: string | null): number {
  try {
    const hour = new Intl.DateTimeFormat('en-GB', {
      timeZone: timeZone ?? 'UTC',
      hour: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(moment)
      .find((p) => p.type === 'hour')?.value
    return Number(hour)
  } catch {
    return moment.getUTCHours()
  }
}

/** The minute of the hour at `moment` where the person is (time zones differ by whole or half hours). */
export function localMinute(moment: Date, timeZone: string | null): number {
  try {
    const minute = new Intl.DateTimeFormat('en-GB', { timeZone: timeZone ?? 'UTC', minute: 'numeric' })
      .formatToParts(moment)
      .find((p) => p.type === 'minute')?.value
    return Number(minute)
  } catch {
    return moment.getUTCMinutes()
  }
}
