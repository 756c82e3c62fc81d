// Defaults for app settings, used until the patient saves their own.
import type { Settings } from "./types";

export const defaultSettings = (): Settings => ({
  autoLockMinutes: 5,
  reminderLeadMinutes: [60],
  quietHoursStart: "22:00",
  quietHoursEnd: "07:00",
  dailyCheckIn: null,
  notificationStyle: "discreet",
  theme: "system",
  trayIcon: true,
  startAtLogin: false,
});

export const LEAD_CHOICES: { minutes: number; label: string }[] = [
  { minutes: 15, label: "15 minutes before" },
  { minutes: 60, label: "1 hour before" },
  { minutes: 180, label: "3 hours before" },
  { minutes: 1440, label: "The day before" },
];

export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30];

export const WIPE_PHRASE = "delete everything";

/** The typed confirmation for wiping: case and surrounding spaces do not matter. */
export function wipeConfirmed(typed: string): boolean {
  return typed.trim().toLowerCase() === WIPE_PHRASE;
}
