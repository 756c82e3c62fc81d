# Shared pieces (ui/src/components/*).

## Intensity.svelte: the 0-10 slider
intensity-word =
    { $value ->
        [0] none
        [1] mild
        [2] mild
        [3] mild
        [4] moderate
        [5] moderate
        [6] moderate
        [7] strong
        [8] strong
       *[other] very strong
    }
intensity-value-text = { $value } out of 10, { $word }
intensity-not-chosen = not chosen yet
intensity-not-chosen-shown = Not chosen yet

## LockedCapture.svelte: writing on the lock screen
locked-capture-summary = Write something down without unlocking
locked-capture-saved = Saved and locked. It joins your journal when you unlock; nothing can be read here without your passphrase.
locked-capture-another = Write another
locked-capture-text = A craving, right now. It is sealed at once and added to your journal at your next unlock.
locked-capture-happening = What is happening? (optional)
locked-capture-save = Save, still locked

## Strength.svelte: passphrase strength (the warning and suggestions come from the core)
strength-0 = Very weak
strength-1 = Weak
strength-2 = Fair
strength-3 = Good
strength-4 = Strong
strength-not-enough = { $word }: not enough yet
