# Sharing screen (ui/src/screens/Share.svelte) and its helper ui/src/lib/share.ts.

share-title = Share with my therapist
share-loading = Loading…

## Preview and consent
share-preview-title = What will be sent
share-preview-intro =
    { $count ->
        [one] { $count } entry, exactly as your care team at { $clinic } will see it.
       *[other] { $count } entries, exactly as your care team at { $clinic } will see them.
    }
share-consent-title = Your consent
share-agree = I have read this consent and I sign it
share-sign-passphrase = Your passphrase, to sign
share-sign = Sign and share
share-sending = Sending…
share-change = Change what to share

## Results
share-sent =
    { $count ->
        [one] Shared { $count } entry with your care team at { $clinic }. They can view it until { $until }, unless you revoke this.
       *[other] Shared { $count } entries with your care team at { $clinic }. They can view them until { $until }, unless you revoke this.
    }
share-offline = Your consent is signed and saved on this device, but the clinic could not be reached, so nothing was shared yet. Send it again from the list below when you are online.
share-wrong-passphrase = That is not your passphrase. Type it again to sign.
share-pdf-saved = PDF saved. It is not encrypted: keep it somewhere private, or delete it when you are done.
share-resent = Sent. Your care team can now view these entries.
share-revoked = Revoked. Your care team can no longer view these entries.

## Choosing
share-not-connected = Sharing sends the entries you choose to your care team at your clinic. Connect this device to your clinic first. You can still save entries as a PDF to bring to a session.
share-go-to-clinic = Go to Clinic
share-choose-with = Choose what to share with { $clinic }
share-your-clinic = your clinic
share-choose-entries = Choose entries
share-choose-intro = Only what you choose is sent, and only after you read and sign the consent. You can revoke it at any time.
share-mode-legend = Share
share-mode-range = Everything from some days
share-mode-pick = Single entries I pick
share-from = From
share-until = Until
share-kinds-legend = Kinds of entries
share-entries-legend = Entries
share-no-entries = No craving records, HALT checks or urge-surfing sessions yet.
share-expires = Permission ends on
share-preview = Preview what will be sent
share-save-pdf = Save as PDF

## What was shared
share-list-title = What you have shared
share-signed =
    { $count ->
        [one] Signed { $when }: { $count } entry
       *[other] Signed { $when }: { $count } entries
    }
share-with-team = With your care team at { $clinic }
share-what-shared = What was shared
share-consent-signed = The consent you signed
share-viewers-title = Who viewed these entries
share-no-views = No one at the clinic has viewed them yet.
share-viewed =
    { $count ->
        [one] { $who } viewed { $count } entry on { $when }
       *[other] { $who } viewed { $count } entries on { $when }
    }
share-who-viewed = Who viewed
share-who-viewed-label = Who viewed the entries shared { $when }
share-send-again = Send again
share-revoke = Revoke
share-revoke-question = Revoke this consent? Your care team will no longer be able to view these entries. Views that already happened cannot be undone.
share-revoke-confirm = Revoke consent
share-state-until = Shared until { $date }
share-state-ended-on = Ended { $date }

## Words of ui/src/lib/share.ts
share-kind-craving = Craving records
share-kind-halt = HALT checks
share-kind-urge = Urge-surfing sessions
share-state-sending = Not sent yet
share-state-active = Shared
share-state-revoked = Revoked
share-state-expired = Ended
share-problem-pick = Choose at least one entry.
share-problem-kind = Choose at least one kind of entry.
share-problem-dates = The start date is after the end date.
share-problem-expiry = Choose when the permission ends.
share-entry-craving = Craving record, { $when }, intensity { $intensity } of 10
share-entry-halt = HALT check, { $when }
share-entry-urge = Urge surfing, { $when }
