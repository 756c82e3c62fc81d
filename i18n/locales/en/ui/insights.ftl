# Insights (ui/src/screens/Insights.svelte). The sentence under each chart comes from the core.

insights-title = Insights
insights-cravings-title = Craving intensity over time
insights-day = Day
insights-mean-intensity = Average intensity (0-10)
insights-triggers-title = Most frequent triggers
insights-trigger = Trigger
insights-times-noted = Times noted
insights-halt-title = HALT pattern
insights-halt-none = No HALT checks yet.
insights-need = Need
insights-halt-high = Checks where it was high (of { $checks })
insights-urges-title = Urges surfed
insights-rode-out = Rode it out
insights-acted = Acted on it
insights-outcome = Outcome
insights-sessions = Sessions
insights-attendance-title = Attendance by week
insights-target = { $hours }-hour target
insights-week-starting = Week starting
insights-hours-attended = Hours attended
