# The craving journal (ui/src/screens/Cravings.svelte, ui/src/lib/craving-form.ts).

cravings-title = Log a craving
cravings-title-edit = Edit craving entry
cravings-restored = Tideline locked while you were writing. Here is what you had; nothing was lost.
cravings-start-over = Start over
cravings-lapse-thanks = Thank you for writing this down.
cravings-lapse-text = A lapse is something to learn from, not the end of your progress. Many people have one during recovery.
cravings-lapse-next = A good next step: look at what your plan says to do after a lapse, and tell someone you trust.
cravings-reach-out = Reach out to someone
cravings-staying-safe = Staying safe
cravings-saved = Saved.
cravings-saved-text = Noticing a craving and naming it is a real skill. Well done.
cravings-surf-this = Surf this urge
cravings-do-halt = Do a HALT check
cravings-intensity-label = How strong is it? (0 to 10)
cravings-intensity-problem = Choose how strong it is first: touch or drag the slider.
cravings-triggers-legend = What set it off? Pick all that fit.
cravings-other-label = Something else
cravings-part-label = Time of day
cravings-more-detail = Add more detail
cravings-when-label = When
cravings-situation-label = Where were you, what was happening?
cravings-thoughts-label = Thoughts and feelings
cravings-minutes-label = How long did it last? (minutes)
cravings-coping-label = What did you do to cope?
cravings-outcome-legend = How did it go?
cravings-outcome-did-not-use = I did not use
cravings-outcome-used = I used (a lapse)
cravings-people-label = People involved
cravings-places-label = Places
cravings-emotions-label = Emotions
cravings-comma-hint = Separate several with commas.
cravings-notes-label = Notes
cravings-save-changes = Save changes
cravings-save-entry = Save entry
cravings-cancel-edit = Cancel editing
cravings-entries-title = Your entries
cravings-filter = Filter and search
cravings-search = Search
cravings-from = From
cravings-to = To
cravings-min-intensity = Lowest intensity
cravings-max-intensity = Highest intensity
cravings-trigger = Trigger
cravings-outcome = Outcome
cravings-filter-did-not-use = Did not use
cravings-filter-lapse = Lapse
cravings-clear-filters = Clear filters
# $total: entries matching the filters; $journal: entries in the journal; $shown: entries on screen.
cravings-count =
    { $journal ->
        [one] { $total } of { $journal } entry
       *[other] { $total } of { $journal } entries
    }
cravings-count-showing =
    { $journal ->
        [one] { $total } of { $journal } entry, showing the newest { $shown }
       *[other] { $total } of { $journal } entries, showing the newest { $shown }
    }
cravings-intensity = Intensity { $intensity }
cravings-when = { $day }, { $time }
cravings-tag-lapse = Lapse: logged and learned from
cravings-tag-did-not-use = Did not use
cravings-coped-by = Coped by: { $coping }
cravings-edit = Edit
cravings-edit-label = Edit entry from { $day }, { $time }
cravings-delete-question = Delete this entry for good? It cannot be brought back.
cravings-show-more = Show { $count } more
