# Clinic screen (ui/src/screens/Clinic.svelte) and its helper ui/src/lib/clinic.ts.

clinic-title = Clinic
clinic-loading = Loading…

## Connecting
clinic-connect-title = Connect to my clinic
clinic-connect-again-title = Connect again
clinic-connect-intro = Your clinic gives you its address and a one-time code. Once connected, your session schedule comes to this device, and your answers ("I'll be there", "Can't make it") go to the clinic. Your journal, HALT checks and urge surfing stay on this device.
clinic-address = Clinic address
clinic-address-placeholder = clinic.example
clinic-code = Code from the clinic
clinic-connect-submit = Connect to my clinic
clinic-connect-again-submit = Connect again
clinic-connected = Connected to { $clinic }.
clinic-your-clinic = Your clinic
clinic-your-clinic-lower = your clinic
clinic-the-clinic = the clinic

## Status
clinic-refused = The clinic no longer accepts this device, so nothing is sent. Ask the clinic for a new code to connect again. Your answers are kept until then.
clinic-reconnect = This journal came back from a backup. Backups never carry this device's key for the clinic, so nothing is sent. Reconnect with a new code from the clinic. Your answers are kept until then.
clinic-last-synced = Last synced
clinic-not-yet = Not yet
clinic-synced-today = Today at { $time }
clinic-synced-yesterday = Yesterday at { $time }
clinic-your-answers = Your answers
clinic-next-try = Next try: { $when }.
clinic-sync-now = Sync now
clinic-syncing = Syncing…

## Devices
clinic-new-device-title = A new device
clinic-seen-it = I have seen this
clinic-devices-title = Devices connected to your clinic account
clinic-devices-intro = Each of these can send answers and sign shares in your name. If you do not know one, tell your clinic; they can remove it.
clinic-this-device = This device
clinic-device = Device { $id }
clinic-device-new = New
clinic-device-connected = Connected
clinic-device-connected-at = Connected { $when }
clinic-device-removed-at = ; removed { $when }

## Parked answers
clinic-parked-title = Answers the clinic did not accept
clinic-parked-session = { $name }, { $when }
clinic-parked-a-session = A session
clinic-parked-answer = Your answer: { $answer }
clinic-dismiss = Dismiss
clinic-dismiss-label = Dismiss the note about { $session }

## Disconnect
clinic-disconnect-title = Disconnect
clinic-disconnect-intro = This device stops syncing with { $clinic }. Your sessions and everything you wrote stay on this device. Answers not sent yet are kept and go out if you connect again.
clinic-disconnect = Disconnect
clinic-disconnect-question = Disconnect this device from { $clinic }?
clinic-disconnect-confirm = Disconnect from the clinic
clinic-disconnected = This device is no longer connected to the clinic. Your sessions and entries stay on this device.

## Words of ui/src/lib/clinic.ts
clinic-problem-generic = Something went wrong. Please try again.
clinic-problem-offline = The clinic could not be reached. Check the address and your internet connection, then try again.
clinic-problem-locked-out-in = Too many tries with a code that did not work. You can try again in { $seconds } seconds, or ask the clinic for a new code.
clinic-problem-locked-out-later = Too many tries with a code that did not work. You can try again later, or ask the clinic for a new code.
clinic-problem-address = Check the clinic's address: it { $reason }
clinic-problem-locked = Tideline locked itself. Unlock to continue.
clinic-sync-offline = The clinic could not be reached right now. Your answers are saved on this device and will be sent later.
clinic-report-sessions =
    { $count ->
        [one] { $count } session updated
       *[other] { $count } sessions updated
    }
clinic-report-sent =
    { $count ->
        [one] { $count } answer sent
       *[other] { $count } answers sent
    }
clinic-report-parked =
    { $count ->
        [one] { $count } answer not accepted (see below)
       *[other] { $count } answers not accepted (see below)
    }
clinic-report-care = your level of care updated
clinic-report = Synced: { $parts }.
clinic-report-nothing = Synced. Everything is up to date.
clinic-pending-none = All your answers have been sent.
clinic-pending =
    { $count ->
        [one] { $count } answer is waiting to be sent.
       *[other] { $count } answers are waiting to be sent.
    }
clinic-answer-accepted = I'll be there
clinic-answer-tentative = Maybe
clinic-answer-declined = Can't make it
clinic-answer-needs-action = Not answered
