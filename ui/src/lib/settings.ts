// Defaults for app settings (matching core's defaults), used until the patient saves their own.
import type { Settings } from "./types";

export const defaultSettings = (): Settings => ({
  autoLockMinutes: 5,
  reminders: { leadMinutes: [1440, 60], quietHours: { start: "22:00", end: "07:00" }, dailyCheckIn: null, notificationDetail: "discreet" },
  keepRunningInTray: true,
  startAtLogin: false,
  theme: "system",
});

export const LEAD_CHOICES: { minutes: number; label: string }[] = [
  { minutes: 15, label: "15 minutes before" },
  { minutes: 60, label: "1 hour before" },
  { minutes: 180, label: "3 hours before" },
  { minutes: 1440, label: "The day before" },
];

export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30, 60];

export const WIPE_PHRASE = "delete everything";

/** The typed confirmation for wiping: case and surrounding spaces do not matter. */
export function wipeConfirmed(typed: string): boolean {
  return typed.trim().toLowerCase() === WIPE_PHRASE;
}

/** Quiet hours come back from core as "HH:MM" or "HH:MM:SS"; time inputs want "HH:MM". */
export const hhmm = (t: string) => t.slice(0, 5);
