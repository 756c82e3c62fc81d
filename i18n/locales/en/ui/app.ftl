# The window's frame (ui/src/App.svelte) and its state (ui/src/lib/app.svelte.ts).

# The app's name, in the top bar.
app-brand = Tideline
app-skip = Skip to content
app-get-help = Get help now
app-lock = Lock
app-nav-label = Main
app-nav-home = Home
app-nav-cravings = Log craving
app-nav-halt = HALT check
app-nav-urge = Urge surfing
app-nav-sessions = Sessions
app-nav-insights = Insights
app-nav-plan = My plan
app-nav-share = Sharing
app-nav-clinic = Clinic
app-nav-settings = Settings
app-opening = Opening…
app-screen-error = This screen could not be opened. Nothing you saved was changed.
app-screen-retry = Try again
app-unavailable-title = Tideline could not start its storage
app-unavailable-text = Please close and reopen the app. Your entries are stored on this device and were not changed.
