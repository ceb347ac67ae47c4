/** The server's time format, `YYYY-MM-DD HH:MM:SS` in UTC. */
export function serverTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

export function hoursAgo(hours: number, now = new Date()): string {
  return serverTime(new Date(now.getTime() - hours * 3600_000))
}
