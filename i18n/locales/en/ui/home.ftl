# Home (ui/src/screens/Home.svelte) and the recent-activity lines (ui/src/lib/activity.ts).

home-title = Home
home-title-day = Day { $day } of your program
home-device-title = A new device
home-device-see = See the devices
home-write-craving = Write down a craving
home-check-halt = Check in with HALT
home-surf-urge = Surf an urge
home-next-title = Next session
home-session-when = { $date } to { $end }
home-reply = Reply to this invitation
home-no-session = No upcoming session is on your calendar.
home-add-session = Add a session
home-aftercare = Aftercare
home-this-week = This week
home-checkins = Your check-ins
home-attended =
    { $count ->
        [one] { $count } session attended so far
       *[other] { $count } sessions attended so far
    }
home-recent-title = Recent activity
home-recent-empty = Nothing logged yet. Whenever a craving comes, writing it down is a good first step.
home-recent-when = { $day }, { $time }

## Recent activity, one line per entry
activity-lapse = Logged a lapse and kept going
activity-craving = Logged a craving, intensity { $intensity }
activity-halt-flagged = HALT check: { $needs }
activity-halt-steady = HALT check: all steady
activity-urge = Surfed an urge from { $start } to { $end }
