// The idle timeout of staff sessions, as the server enforces it and the browser warns of it.

/**
 * A request the app makes on its own (polling, a check of the time left) carries this header set to '1':
 * the server still checks the session, but does not count the request as the user's activity.
 */
export const BACKGROUND_REQUEST_HEADER = 'x-taperline-background';

/** The server records a session's activity at most this often, so most requests write nothing. */
export const ACTIVITY_RECORD_SECONDS = 60;

/** How long before the end the browser warns. */
export const IDLE_WARNING_SECONDS = 120;

/** Whether a role's sessions end after a time without activity: staff's do, patients' do not. */
export function hasIdleTimeout(role: 'patient' | 'clinician' | 'admin'): boolean {
  return role !== 'patient';
}

/** "4:05": minutes and seconds of a countdown, never below 0:00. */
export function countdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
