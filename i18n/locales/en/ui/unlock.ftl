# The lock screen (ui/src/screens/Unlock.svelte).

unlock-title = Tideline is locked
unlock-passphrase-label = Passphrase
unlock-wrong-passphrase = That passphrase did not unlock Tideline. Check that caps lock is off, and try again.
unlock-wrong-key = That recovery key did not unlock Tideline. Check each group, and try again.
unlock-locked-out = There have been several attempts in a row, so Tideline is pausing before the next one.
unlock-wrong-biometric = The fingerprint or face check did not open Tideline. You can type your passphrase instead.
# $seconds: how long until the next try; the number is shown in bold.
unlock-wait-before = You can try again in
unlock-wait-seconds =
    { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }
unlock-wait-after = .
unlock-unlocking = Unlocking…
unlock-unlock = Unlock
unlock-use-key = Use recovery key
unlock-biometric = Unlock with fingerprint or face
unlock-recovery-title = Unlock with your recovery key
unlock-recovery-text = Type the recovery key you wrote down, then choose a new passphrase.
unlock-recovery-key-label = Recovery key
unlock-new-passphrase-label = New passphrase
unlock-repeat-label = Type the new passphrase again
unlock-recover = Unlock and set passphrase
unlock-use-passphrase = Use passphrase
# Shown once after an unlock when some entries did not open (damaged in the file). $count: how many.
unlock-unopened =
    { $count ->
        [one] One entry could not be opened this time. It is kept in the file unchanged, and everything else opened as usual. Restoring a backup made before may bring it back.
       *[other] { $count } entries could not be opened this time. They are kept in the file unchanged, and everything else opened as usual. Restoring a backup made before may bring them back.
    }
unlock-unopened-ok = OK
