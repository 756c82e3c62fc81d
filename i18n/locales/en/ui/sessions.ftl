# Sessions screen (ui/src/screens/Sessions.svelte) and its helper ui/src/lib/sessions.ts
# (whose kind and answer words Home shows too).

sessions-title = Sessions
sessions-unsaved = Your answer on a reminder for { $session } was not saved. { $problem } Please answer again below.
sessions-a-session = a session
sessions-dismiss = Dismiss

## The form
sessions-edit-title = Edit session
sessions-add = Add a session
sessions-date = Date
sessions-starts = Starts
sessions-ends = Ends
sessions-kind = Kind
sessions-name = Name (optional)
sessions-place = Place or video link (optional)
sessions-save = Save session
sessions-cancel = Cancel

## A session
sessions-when = { $start } to { $end }
sessions-when-where = { $start } to { $end } · { $venue }
sessions-join-video = Join the video call
sessions-meta = { $kind } · { $response }
sessions-meta-own = { $kind } · { $response } · added by you
sessions-answer-label = Your answer for { $when }
sessions-respond-accepted = I'll be there
sessions-respond-tentative = Maybe
sessions-respond-declined = Can't make it
sessions-self-label = Your own record of { $when } (self-reported)
sessions-was-there = I was there
sessions-was-not-there = I wasn't there
sessions-clear-mark = Clear my mark
sessions-edit = Edit
sessions-edit-label = Edit session on { $when }
sessions-remove = Remove
sessions-remove-question = Remove this session from your list?
sessions-remove-confirm = Remove session

## Lists
sessions-upcoming = Upcoming
sessions-no-upcoming = No upcoming sessions.
sessions-past = Past
sessions-no-past = No past sessions yet.

## Words of ui/src/lib/sessions.ts
sessions-response-accepted = You are going
sessions-response-declined = You can't make it
sessions-response-tentative = You might go
sessions-response-needs-action = Not answered yet
sessions-kind-group = Group
sessions-kind-individual = Individual
sessions-kind-family = Family
sessions-kind-psychoeducation = Education
sessions-kind-medication-management = Medication
sessions-kind-aftercare-check-in = Aftercare check-in
sessions-kind-other = Other
# A session without a name, by its kind.
sessions-untitled-group = Group session
sessions-untitled-individual = Individual session
sessions-untitled-family = Family session
sessions-untitled-psychoeducation = Education session
sessions-untitled-medication-management = Medication session
sessions-untitled-aftercare-check-in = Aftercare check-in session
sessions-untitled-other = Other session
sessions-video-call = Video call
