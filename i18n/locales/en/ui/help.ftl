# Get help now (ui/src/screens/Help.svelte). The crisis lines, their words and numbers come from the core.

help-title = Get help now
help-unreachable = Tideline could not show the help lines just now. Please close and reopen the app.
help-people-title = Your people
help-no-contacts = You have not added support contacts yet. You can add them under My plan.
help-call = Call { $name }
help-text = Text { $name }
