# Settings screen (ui/src/screens/Settings.svelte) and its helper ui/src/lib/settings.ts.

settings-title = Settings

## Language
settings-language-title = Language
settings-language-label = Language of the app
settings-language-hint = Changes every screen at once. Reminders and the crisis screen follow too.
settings-language-saved = The app is now in English.
# Shown only while the test pseudo-locale is on (it is not offered to patients).
settings-language-pseudo = Pseudo-locale (for tests)

## Look, locking and reminders
settings-prefs-title = Look, locking and reminders
settings-theme-label = Theme
settings-theme-system = Follow my device
settings-theme-light = Light
settings-theme-dark = Dark
settings-autolock-label = Lock automatically after
settings-autolock-choice =
    { $minutes ->
        [one] { $minutes } minute without use
       *[other] { $minutes } minutes without use
    }
settings-lead-legend = Remind me before a session
settings-lead-15 = 15 minutes before
settings-lead-60 = 1 hour before
settings-lead-180 = 3 hours before
settings-lead-1440 = The day before
settings-quiet-legend = Quiet hours
settings-quiet-on = No reminders during quiet hours
settings-quiet-from = From
settings-quiet-until = Until
settings-checkin-legend = Daily check-in
settings-checkin-on = Remind me to check in once a day
settings-checkin-at = At
settings-notif-legend = What notifications show
settings-notif-discreet = Discreet
settings-notif-discreet-example = Discreet: "{ $example }"
settings-notif-detailed = Detailed
settings-notif-detailed-example = Detailed: "{ $example }"
settings-notif-hint = The notification's title is always "Tideline". The words above are exactly what a reminder shows, here for an example session. Nothing from your journal is ever shown.
settings-computer-legend = On this computer
settings-tray = Keep running in the system tray when the window is closed, so reminders still arrive
settings-login = Start when I log in
settings-resume = Reminders keep coming while Tideline is locked, as long as it is running. After a restart of the app or of this computer, Tideline cannot read your sessions until you unlock it, so reminders start again the first time you unlock. That unlock tells you if you may have missed any while it was closed.
settings-prefs-save = Save settings
settings-prefs-saved = Settings saved.

## Program
settings-program-title = Program
settings-program-start = Program start date
settings-level-clinic = Level of care (set by your clinic)
settings-target-clinic = Weekly target (set by your clinic)
settings-course-title = Your course of care
settings-course-line = { $from }: { $name }, { $target }
settings-level = Level of care
settings-target-custom = Weekly target in hours (under 9, as your counselor advised)
settings-save-start = Save start date
settings-save-program = Save program
settings-program-saved = Program saved.

## Files
settings-no-chooser = Choosing a file is not available in this version of the app yet
settings-wrong-passphrase = That is not your current passphrase.

## Passphrase and master key rotation
settings-pass-title = Change passphrase
settings-pass-current = Current passphrase
settings-pass-new = New passphrase
settings-pass-again = Type the new passphrase again
settings-rotate-check = Someone may know my passphrase
settings-rotate-hint = Leave this off if you only want a new passphrase. Turn it on if someone may know your passphrase or may have seen your recovery key: every entry is then locked again with a new key, you get a new recovery key to write down, and quick unlock turns off. It takes a few seconds.
settings-rotate-backups = Backups you made before still open with the passphrase you had when you made them.
settings-pass-submit = Change passphrase
settings-pass-submit-rotate = Change passphrase and lock everything with a new key
settings-pass-changed = Your passphrase is changed. Use the new one next time you unlock.
settings-rotated-title = Your new recovery key
settings-rotated-intro = Your entries are now locked with a new key. Your old passphrase and your old recovery key no longer open them.
settings-rotated-once = This new recovery key is shown only this once.
settings-rotated-keep = Write it down and keep it somewhere safe and private.
settings-key-groups-label = Recovery key, group by group
settings-wrote-it-down = I wrote it down
settings-rotated-check-title = Check your new recovery key
settings-rotated-type-group = Type group { $group } of your new recovery key
settings-rotated-group-hint = Groups are counted from the left. Upper or lower case both work.
settings-confirm = Confirm
settings-show-key-again = Show the key again
settings-rotated-mismatch = That does not match the key shown. Look at it again with Show the key again.
settings-rotated-done = Done. Your entries are locked with a new key. Use your new passphrase next time you unlock.

## New recovery key
settings-key-title = New recovery key
settings-key-unconfirmed = Tideline locked before your recovery key was checked, so you may not have it written down. Make a new one here now; it takes a minute.
settings-key-shown = Your new recovery key is below. It is shown only this once; the old key no longer works. Write it down and keep it safe.
settings-key-pending = Your new recovery key is on this screen, under “Your new recovery key”. Write it down, then type one group back to finish.
settings-key-done = Done. Your new recovery key is checked. Keep it somewhere safe and private; the old one no longer works.
settings-key-intro = If you lost your recovery key, make a new one. The old one stops working.
settings-your-passphrase = Your passphrase
settings-key-submit = Show a new recovery key

## Quick unlock (phones)
settings-quick-title = Quick unlock on this phone
settings-quick-on-text = Tideline opens with your fingerprint or face on this phone. Your passphrase still works, and changing it turns quick unlock off.
settings-quick-turn-off = Turn off quick unlock
settings-quick-off-text = Open Tideline with your fingerprint or face instead of typing. The phone keeps a key behind that check; your passphrase is never stored.
settings-quick-turn-on = Turn on quick unlock
settings-quick-is-on = Quick unlock is on.
settings-quick-is-off = Quick unlock is off. Tideline opens with your passphrase.

## Backup and restore
settings-backup-title = Backup
settings-backup-intro = An encrypted copy of everything, for a USB stick or another safe place.
settings-backup-save = Save a backup
settings-backup-saved = Backup saved. It is encrypted: it opens with your passphrase or your recovery key.
settings-restore-title = Restore from a backup
settings-restore-with = Open the backup with
settings-restore-its-passphrase = Its passphrase
settings-restore-its-key = Its recovery key
settings-restore-passphrase = Backup passphrase
settings-restore-key = Backup recovery key
settings-restore-replace = Replace what is on this device now
settings-restore-current = Your current passphrase, to replace this journal
settings-restore-submit = Choose a backup and restore
settings-restored =
    { $records ->
        [one] Backup restored: { $records } entry.
       *[other] Backup restored: { $records } entries.
    }
settings-restored-damaged =
    { $damaged ->
        [one] { $damaged } could not be read.
       *[other] { $damaged } could not be read.
    }
settings-restore-exists = Restoring would replace what is on this device now. Tick the box to confirm that, then try again.

## Export
settings-export-title = Export
settings-export-intro = A readable file of all your entries, to keep or to go through with your counselor.
settings-export-warning = It is not encrypted, so your passphrase is asked again.
settings-export-submit = Export my entries
settings-export-saved = Export saved. This file is not encrypted: keep it somewhere private, or delete it when you are done.

## Delete everything
settings-wipe-title = Delete everything
settings-wipe-intro = This removes every entry, your plan, your contacts and your settings from this device for good. Backups you saved elsewhere are not touched.
# The phrase the patient types to confirm; compared without case or surrounding spaces.
settings-wipe-phrase = delete everything
settings-wipe-type = To confirm, type: { $phrase }
settings-wipe-submit = Delete everything on this device
