# First run (ui/src/screens/FirstRun.svelte): the language, the welcome, the passphrase, the program
# start and the recovery key.

first-run-language-title = Choose your language
first-run-language-text = Tideline will speak to you in this language. You can change it at any time in Settings.
first-run-language-legend = Language
first-run-welcome-title = Welcome to Tideline
first-run-welcome-intro = Tideline is a private companion for the time between your treatment sessions.
first-run-welcome-keeps = It keeps your craving journal, HALT check-ins, urge-surfing sessions, your sessions with the clinic, and your recovery plan.
first-run-welcome-device = Everything stays on this device, locked with a passphrase only you know.
first-run-welcome-share = Nothing leaves this device unless you choose to share it.
first-run-get-started = Get started
first-run-passphrase-title = Choose a passphrase
first-run-passphrase-text = A few words that mean something to you, like a short sentence, are easy to remember and hard to guess.
first-run-passphrase-label = Passphrase
first-run-repeat-label = Type it again
first-run-mismatch = The two passphrases are not the same yet.
first-run-read-this = Please read this.
first-run-read-this-text = Your entries are encrypted with this passphrase. You will also get a recovery key. If you lose both the passphrase and the recovery key, no one can open your data, not even us.
first-run-understand = I understand
first-run-start-title = When did your program start?
first-run-start-label = Program start date
first-run-start-hint = Used to show which day of your program it is. You can change it later.
first-run-creating = Creating your vault…
first-run-create = Create my vault
first-run-key-title = Your recovery key
first-run-key-text-before = If you ever forget your passphrase, this key opens your data. It is shown
first-run-key-text-once = only this once
first-run-key-text-after = . Write it down on paper and keep it somewhere safe and private.
first-run-key-label = Recovery key, group by group
first-run-key-written = I wrote it down
first-run-check-title = Check your recovery key
first-run-check-label = Type group { $group } of your recovery key
first-run-check-hint = Groups are counted from the left. Upper or lower case both work.
first-run-check-mismatch = That does not match the key shown. Look at it again; it is on the previous step.
first-run-confirm = Confirm
first-run-show-again = Show the key again
