# Times and durations in words (ui/src/lib/format.ts). Dates and clock times themselves come from
# Intl in the current language.

format-starting-now = starting now
format-in = in { $time }
format-and = { $a }, { $b }
format-days =
    { $n ->
        [one] { $n } day
       *[other] { $n } days
    }
format-hours =
    { $n ->
        [one] { $n } hour
       *[other] { $n } hours
    }
format-minutes =
    { $n ->
        [one] { $n } minute
       *[other] { $n } minutes
    }
format-seconds =
    { $n ->
        [one] { $n } second
       *[other] { $n } seconds
    }
# A duration of hours and minutes: "1 hour 5 minutes".
format-hours-minutes = { $hours } { $minutes }
format-today = today
format-yesterday = yesterday
