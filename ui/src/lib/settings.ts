// Defaults for app settings (matching core's defaults), used until the patient saves their own.
import { t } from "./i18n.svelte";
import type { Settings } from "./types";

export const defaultSettings = (): Settings => ({
  autoLockMinutes: 5,
  reminders: { leadMinutes: [1440, 60], quietHours: { start: "22:00", end: "07:00" }, dailyCheckIn: null, notificationDetail: "discreet" },
  keepRunningInTray: true,
  startAtLogin: false,
  theme: "system",
});

/** How long before a session a reminder may come; `label` is read in the current language when shown. */
export const LEAD_CHOICES: { readonly minutes: number; readonly label: string }[] = [15, 60, 180, 1440].map((minutes) => ({
  minutes,
  get label() {
    return t(`settings-lead-${minutes}`);
  },
}));

export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30, 60];

/** The phrase the patient types before wiping, in the current language ("delete everything"). */
export const wipePhrase = () => t("settings-wipe-phrase");

/** The typed confirmation for wiping: case and surrounding spaces do not matter. */
export function wipeConfirmed(typed: string): boolean {
  return typed.trim().toLowerCase() === wipePhrase().toLowerCase();
}

/** Quiet hours come back from core as "HH:MM" or "HH:MM:SS"; time inputs want "HH:MM". */
export const hhmm = (t: string) => t.slice(0, 5);
