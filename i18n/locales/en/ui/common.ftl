# Words several screens share (owned by the window's loader, ui/src/lib/i18n.svelte.ts).

## Each language named in its own language (the same in every catalog)
language-name-en = English
language-name-es = Español

common-back = Back
common-continue = Continue
common-cancel = Cancel
common-done = Done
common-delete = Delete
common-delete-for-good = Delete for good
common-keep-it = Keep it
common-copy = Copy
common-copied = Copied.
common-dismiss = Dismiss
common-show-table = Show as a table
common-something-wrong = Something went wrong. Please try again.
common-locked-itself = Tideline locked itself. Unlock to continue.
common-disk-full = The disk is full, so this was not saved. Nothing you saved before was lost.
common-unreachable = Tideline could not reach its storage. Please try again.
common-open-plan = Open my plan
common-surf-urge = Surf an urge
common-not-noted = Not noted
common-any = Any
common-unsure = Not sure yet, or I'd rather not say
