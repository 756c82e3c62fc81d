### Sentences the Rust side shows a person: the core (HALT, insights, progress, crisis, the PDF report,
### passphrase feedback, errors) and the shell (notifications, the tray). Owned by issue 14 (H14core).
### Spanish: usted, docs/spanish.md.

## Counts shared by several sentences

common-days =
    { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
